package store

import (
	"errors"
	"fmt"

	"github.com/klauspost/compress/s2"
)

// s2Payload opens a payload stored compressed with S2 (a Snappy
// extension). A delivery's payload is a JSON object, which never starts
// with this byte, so payloads stored plain (by earlier versions, or too
// small to gain) read as they are.
const s2Payload = 0x01

// maxPayload bounds a decompressed payload; GitHub sends at most 25 MB.
const maxPayload = 32 << 20

// packPayload is what the intake stores for payload: S2 cuts a typical
// 9 KB delivery to a third in about 5 µs, a third of the bytes SQLite
// writes to its WAL and copies again at each checkpoint.
func packPayload(payload []byte) []byte {
	if len(payload) < 64 {
		return payload
	}
	packed := make([]byte, 1, 1+s2.MaxEncodedLen(len(payload)))
	packed[0] = s2Payload
	enc := s2.Encode(packed[1:cap(packed)], payload) // written in place: dst is large enough
	packed = packed[:1+len(enc)]
	if len(packed) >= len(payload) {
		return payload
	}
	return packed
}

// unpackPayload returns the payload packPayload stored.
func unpackPayload(stored []byte) ([]byte, error) {
	if len(stored) == 0 || stored[0] != s2Payload {
		return stored, nil
	}
	n, err := s2.DecodedLen(stored[1:])
	if err == nil && n > maxPayload {
		err = errors.New("too large")
	}
	if err != nil {
		return nil, fmt.Errorf("decompressing the payload: %w", err)
	}
	out, err := s2.Decode(make([]byte, n), stored[1:])
	if err != nil {
		return nil, fmt.Errorf("decompressing the payload: %w", err)
	}
	return out, nil
}

// packAll returns the batch with every payload packed.
func packAll(batch []NewDelivery) []NewDelivery {
	out := make([]NewDelivery, len(batch))
	for i, d := range batch {
		d.Payload = packPayload(d.Payload)
		out[i] = d
	}
	return out
}
