package store

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// bigPayload is a delivery-like JSON object of about 9 KB.
func bigPayload() []byte {
	var b strings.Builder
	b.WriteString(`{"action":"completed","check_run":{"output":{"text":"`)
	for i := range 300 {
		b.WriteString(`step ` + strings.Repeat("x", i%7) + ` passed; `)
	}
	b.WriteString(`"}}`)
	return []byte(b.String())
}

// TestPayloadsStoredCompressed stores a large and a small payload through
// the intake and one large payload as earlier versions did (plain): each
// loads back byte for byte, and the large one takes less room than it
// was sent with.
func TestPayloadsStoredCompressed(t *testing.T) {
	eachDialect(t, func(t *testing.T, url string) {
		s := open(t, url)
		q := newQueue(t, s, "r1")
		big := bigPayload()
		batch := deliveries("big", "small")
		batch[0].Payload = big
		if _, err := q.Insert(batch); err != nil {
			t.Fatal(err)
		}
		if _, err := s.exec(context.Background(), `INSERT INTO prcoach_deliveries (id, event, received_at, payload)
			VALUES ('plain', 'check_run', 0, ?)`, big); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string][]byte{"big": big, "small": batch[1].Payload, "plain": big} {
			d, err := s.LoadDelivery(context.Background(), id)
			if err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			if !bytes.Equal(d.Payload, want) {
				t.Errorf("%s: loaded %d bytes %.40q…, want %d bytes %.40q…", id, len(d.Payload), d.Payload, len(want), want)
			}
		}
		if n := count(t, s, `SELECT length(payload) FROM prcoach_deliveries WHERE id = 'big'`); n*2 > len(big) {
			t.Errorf("a %d-byte payload takes %d bytes stored, want under half", len(big), n)
		}
	})
}

func TestUnpackPayloadRefusesDamage(t *testing.T) {
	packed := packPayload(bigPayload())
	for name, stored := range map[string][]byte{
		"truncated": packed[:len(packed)/2],
		"huge":      {s2Payload, 0xff, 0xff, 0xff, 0xff, 0x7f},
	} {
		if got, err := unpackPayload(stored); err == nil {
			t.Errorf("%s: unpacked %d bytes, want an error", name, len(got))
		}
	}
}
