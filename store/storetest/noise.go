package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Noise is n hex digits that depend on seed and never repeat: padding for
// test payloads that must take room in the database, which stores
// payloads compressed (a run of one letter would shrink to nothing).
func Noise(seed, n int) string {
	var b strings.Builder
	sum := sha256.Sum256([]byte(strconv.Itoa(seed)))
	for b.Len() < n {
		b.WriteString(hex.EncodeToString(sum[:]))
		sum = sha256.Sum256(sum[:])
	}
	return b.String()[:n]
}
