package kagomedict

import (
	"bytes"
	"errors"

	"github.com/ikawaha/kagome-dict/dict"
)

// kagome-dict writes the table of parts of speech (pos.dict) with
// encoding/gob: the POSs ([]dict.POS, a slice of []uint16 for every entry),
// then the names. encoding/gob decodes it by reflection, one value at a
// time, a slice allocated for every entry: a quarter of the whole load.
// decodePOS reads the same stream directly when its type definitions are
// byte for byte the ones kagome-dict v1.1.x writes (so the values are
// encoded as decoded here); otherwise it returns ok false, and the caller
// uses kagome-dict's reader.

// The gob messages that define the types, as kagome-dict writes them: the
// slice of POS (type 65, elements of type 64), POS (type 64, named "POS",
// a slice of uint), and []string (type 66).
var (
	gobDefPOSs     = []byte{0x0d, 0xff, 0x81, 0x02, 0x01, 0x02, 0xff, 0x82, 0x00, 0x01, 0xff, 0x80, 0x00, 0x00}
	gobDefPOS      = []byte{0x10, 0x7f, 0x02, 0x01, 0x01, 0x03, 'P', 'O', 'S', 0x01, 0xff, 0x80, 0x00, 0x01, 0x06, 0x00, 0x00}
	gobDefNameList = []byte{0x0c, 0xff, 0x83, 0x02, 0x01, 0x02, 0xff, 0x84, 0x00, 0x01, 0x0c, 0x00, 0x00}
)

const (
	gobIDPOSs     = 65
	gobIDNameList = 66
)

// gobReader reads gob's encoding of unsigned integers and the messages
// made of them.
type gobReader struct {
	b   []byte
	off int
	err error
}

var errGob = errors.New("not the gob stream expected")

func (r *gobReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.err = errGob
		return 0
	}
	c := r.b[r.off]
	r.off++
	if c < 0x80 {
		return uint64(c)
	}
	n := 256 - int(c)
	if n > 8 || n > len(r.b)-r.off {
		r.err = errGob
		return 0
	}
	var v uint64
	for _, x := range r.b[r.off : r.off+n] {
		v = v<<8 | uint64(x)
	}
	r.off += n
	return v
}

// gobUint reads an unsigned integer at off in b, and returns the offset
// after it; ok is false at the end of b or on a malformed integer.
func gobUint(b []byte, off int) (v uint64, next int, ok bool) {
	if off < len(b) && b[off] < 0x80 {
		return uint64(b[off]), off + 1, true
	}
	r := gobReader{b: b, off: off}
	v = r.uint()
	return v, r.off, r.err == nil
}

// fixed takes the bytes p, which must come next.
func (r *gobReader) fixed(p []byte) {
	if r.err == nil && !bytes.HasPrefix(r.b[r.off:], p) {
		r.err = errGob
	}
	if r.err == nil {
		r.off += len(p)
	}
}

// value starts a message holding a value of the type id (not a struct:
// its field delta, 0, comes first) and returns where the message ends.
func (r *gobReader) value(id uint64) int {
	n := r.uint()
	start := r.off
	if r.err == nil && n > uint64(len(r.b)-r.off) {
		r.err = errGob
	}
	if tid := r.uint(); tid != 2*id { // gob's signed encoding of id
		r.err = errGob
	}
	if r.uint() != 0 {
		r.err = errGob
	}
	return start + int(n)
}

// count reads a length, which must leave at least min bytes each for that
// many elements before end.
func (r *gobReader) count(end, min int) int {
	n := r.uint()
	if r.err == nil && n > uint64(end-r.off)/uint64(min) {
		r.err = errGob
	}
	return int(n)
}

func decodePOS(b []byte) (t dict.POSTable, ok bool) {
	r := &gobReader{b: b}
	r.fixed(gobDefPOSs)
	r.fixed(gobDefPOS)
	end := r.value(gobIDPOSs)
	if r.err != nil || end > len(b) {
		return t, false
	}
	n := r.count(end, 1)
	if r.err != nil {
		return t, false
	}
	// Every id takes at least a byte: one backing slice as long as the
	// message holds them all, each entry's ids cut from it.
	ids := make([]dict.POSID, end-r.off)
	poss := make([]dict.POS, n)
	m, off, used := r.b[:end], r.off, 0
	for i := range poss {
		k, next, ok := gobUint(m, off)
		if !ok || k > uint64(len(m)-next) {
			return t, false
		}
		off = next
		if k == 0 {
			continue // gob leaves an empty slice nil
		}
		p := ids[used : used+int(k) : used+int(k)]
		used += int(k)
		for j := range p {
			v, next, ok := gobUint(m, off)
			if !ok || v > 0xffff {
				return t, false
			}
			off = next
			p[j] = dict.POSID(v)
		}
		poss[i] = p
	}
	if off != end {
		return t, false
	}
	r.off = off
	r.fixed(gobDefNameList)
	end = r.value(gobIDNameList)
	if r.err != nil || end > len(b) {
		return t, false
	}
	names := make([]string, r.count(end, 1))
	for i := range names {
		k := r.count(end, 1)
		if r.err != nil {
			return t, false
		}
		names[i] = string(b[r.off : r.off+k])
		r.off += k
	}
	if r.err != nil || r.off != end || end != len(b) {
		return t, false
	}
	if n == 0 {
		poss = nil
	}
	if len(names) == 0 {
		names = nil
	}
	return dict.POSTable{POSs: poss, NameList: names}, true
}
