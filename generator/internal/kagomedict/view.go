package kagomedict

import (
	"encoding/binary"
	"unsafe"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/dict/trie"
)

// The dictionary's tables of integers are stored little-endian, as this
// machine holds them when it is little-endian (amd64, arm64, ...). There, a
// table is the bytes of its part, read in place (the part's buffer is never
// changed, and these tables hold no pointers); elsewhere, or when the bytes
// are not aligned for the table's type, each element is decoded.

var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// inPlace is set false by tests, to check the decoding loops.
var inPlace = littleEndian

// view gives p's bytes as n elements of T, when they can be read in place.
func view[T any](p []byte, n int) ([]T, bool) {
	var zero T
	size, align := unsafe.Sizeof(zero), unsafe.Alignof(zero)
	if !inPlace || n == 0 || uintptr(len(p)) != uintptr(n)*size || uintptr(unsafe.Pointer(unsafe.SliceData(p)))%align != 0 {
		return nil, false
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(p))), n), true
}

func morphsOf(p []byte, n int) dict.Morphs {
	if unsafe.Sizeof(dict.Morph{}) == 6 {
		if m, ok := view[dict.Morph](p, n); ok {
			return m
		}
	}
	m := make(dict.Morphs, n)
	for i := range m {
		q := p[6*i : 6*i+6]
		m[i] = dict.Morph{
			LeftID:  int16(binary.LittleEndian.Uint16(q)),
			RightID: int16(binary.LittleEndian.Uint16(q[2:])),
			Weight:  int16(binary.LittleEndian.Uint16(q[4:])),
		}
	}
	return m
}

func doubleArrayOf(p []byte, n int) trie.DoubleArray {
	if unsafe.Sizeof(trie.DoubleArray{}[0]) == 8 {
		if da, ok := view[struct{ Base, Check int32 }](p, n); ok {
			return da
		}
	}
	da := make(trie.DoubleArray, n)
	for i := range da {
		q := p[8*i : 8*i+8]
		da[i].Base = int32(binary.LittleEndian.Uint32(q))
		da[i].Check = int32(binary.LittleEndian.Uint32(q[4:]))
	}
	return da
}

func int16sOf(p []byte, n int) []int16 {
	if v, ok := view[int16](p, n); ok {
		return v
	}
	v := make([]int16, n)
	for i := range v {
		v[i] = int16(binary.LittleEndian.Uint16(p[2*i:]))
	}
	return v
}
