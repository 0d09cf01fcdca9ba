package ci

import (
	_ "embed"
	"encoding/binary"
	"math"
	"math/bits"
	"sync"
)

// ModelBits is log2 of the number of hashed features of the line scorer.
const ModelBits = 18

// lineModelData holds the line scorer's weights: 1<<ModelBits little-endian
// float32 values, trained by cmd/trainlines on the LogChunks data set
// (Brandt, Panichella, Zaidman, Beller, MSR 2020, CC BY 4.0).
//
//go:embed linemodel.bin
var lineModelData []byte

// LineModel scores how likely a log line is part of the lines a person
// would point at to explain a failure: a logistic model over hashed
// features of the line, its neighbours and its place in the failing step.
type LineModel struct {
	// W has 1<<ModelBits weights; a feature's weight is W[hash].
	W []float32
}

// builtinModel decodes the embedded weights on first use, so a server that
// has not analysed a log yet does not hold them (about 1 MB).
var builtinModel = sync.OnceValue(func() *LineModel { return loadModel(lineModelData) })

func loadModel(b []byte) *LineModel {
	m := &LineModel{W: make([]float32, 1<<ModelBits)}
	if len(b) != 4<<ModelBits {
		return m // no trained weights: every line scores the same
	}
	for i := range m.W {
		m.W[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return m
}

// BuiltinModel returns the embedded line scorer.
func BuiltinModel() *LineModel { return builtinModel() }

// Score returns the probability-like score of a line's features.
func (m *LineModel) Score(feats []uint32) float64 {
	var z float64
	for _, f := range feats {
		z += float64(m.W[f])
	}
	return 1 / (1 + math.Exp(-z))
}

// lineContext is where a line stands in its step.
type lineContext struct {
	fromStart, toEnd int   // lines from the step's first line and to its last
	afterCommand     bool  // the line comes after the step's last command line
	role             uint8 // 1 + the role of the rule the line matched, 0 for none
}

const modelMask = 1<<ModelBits - 1

// fnv hashes a prefix byte and a token.
func fnv(prefix byte, tok []byte) uint32 {
	h := uint32(2166136261)
	h = (h ^ uint32(prefix)) * 16777619
	for _, c := range tok {
		h = (h ^ uint32(c)) * 16777619
	}
	return h & modelMask
}

// lineFeatures appends the hashed features of cur, given its neighbours
// and its place in the step, to dst.
func lineFeatures(dst []uint32, prev, cur, next []byte, lc lineContext) []uint32 {
	dst = append(dst, fnv('B', nil))
	dst = appendTokens(dst, 'w', cur, 40, true)
	dst = appendTokens(dst, 'p', prev, 4, false)
	dst = appendTokens(dst, 'n', next, 4, false)
	dst = appendShape(dst, 's', cur)
	dst = appendShape(dst, 'q', prev)
	dst = appendShape(dst, 'r', next)
	var pos [2]byte
	pos[0], pos[1] = 's', byte(min(bits.Len(uint(lc.fromStart)), 12))
	dst = append(dst, fnv('P', pos[:]))
	pos[0], pos[1] = 'e', byte(min(bits.Len(uint(lc.toEnd)), 12))
	dst = append(dst, fnv('P', pos[:]))
	if lc.role > 0 {
		dst = append(dst, fnv('K', []byte{lc.role}))
	}
	if lc.afterCommand {
		dst = append(dst, fnv('A', nil))
	}
	return dst
}

// appendTokens adds a feature for each word of b: lower-cased, digits
// folded to 0, at most max words. With first, the first word and whether
// a word is in capitals count too.
func appendTokens(dst []uint32, prefix byte, b []byte, max int, first bool) []uint32 {
	var tok [24]byte
	n, words := 0, 0
	caps := true
	flush := func() {
		if n >= 2 && words < max {
			dst = append(dst, fnv(prefix, tok[:n]))
			if first && words == 0 {
				dst = append(dst, fnv('F', tok[:n]))
			}
			if first && caps && n >= 3 {
				dst = append(dst, fnv('C', tok[:n]))
			}
			words++
		}
		n, caps = 0, true
	}
	for _, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			caps = false
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			c = '0'
		default:
			flush()
			continue
		}
		if n < len(tok) {
			tok[n] = c
			n++
		}
	}
	flush()
	return dst
}

// appendShape adds features for how a line looks: blank, indented, its
// first non-space byte, a file:line reference, its length.
func appendShape(dst []uint32, prefix byte, b []byte) []uint32 {
	var sh [3]byte
	sh[0] = 'b'
	if len(b) == 0 {
		return append(dst, fnv(prefix, sh[:1]))
	}
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	sh[0], sh[1] = 'i', byte(min(i, 9))
	dst = append(dst, fnv(prefix, sh[:2]))
	if i < len(b) && !isAlnum(b[i]) {
		sh[0], sh[1] = 'c', b[i]
		dst = append(dst, fnv(prefix, sh[:2]))
	}
	if hasFileLine(b) {
		sh[0] = 'f'
		dst = append(dst, fnv(prefix, sh[:1]))
	}
	sh[0], sh[1] = 'l', byte(bits.Len(uint(len(b))))
	return append(dst, fnv(prefix, sh[:2]))
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c)
}

// hasFileLine reports whether b has "name.ext:123" somewhere.
func hasFileLine(b []byte) bool {
	for i := 1; i+1 < len(b); i++ {
		if b[i] == ':' && isDigit(b[i+1]) && (isAlnum(b[i-1]) || b[i-1] == ')') {
			for j := i - 1; j > 0 && j > i-40; j-- {
				if b[j] == '.' {
					return true
				}
				if b[j] == ' ' {
					break
				}
			}
		}
	}
	return false
}
