package decide

import "strconv"

// A small JSON writer and reader for the wire format (wire.go). The core
// does not use encoding/json: it would add its reflection machinery to the
// WebAssembly binary that every resident downloads, for a handful of fixed
// shapes that are written out by hand here.

// jw writes JSON. Strings are escaped for embedding in an HTML <script>
// element as well: '<', '>' and '&' are written as \u escapes.
type jw struct{ b []byte }

func (w *jw) raw(s string) { w.b = append(w.b, s...) }

func (w *jw) str(s string) {
	const hex = "0123456789abcdef"
	w.b = append(w.b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			w.b = append(w.b, '\\', c)
		case c == '\n':
			w.b = append(w.b, '\\', 'n')
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			w.b = append(w.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			// U+2028 and U+2029 end a line in older JavaScript.
			w.b = append(w.b, `\u202`...)
			w.b = append(w.b, hex[s[i+2]&15])
			i += 2
		default:
			w.b = append(w.b, c)
		}
	}
	w.b = append(w.b, '"')
}

// obj writes an object; the fields are written by fn through the field
// helpers, which skip empty values.
type jobj struct {
	w     *jw
	empty bool
}

func (w *jw) obj(fn func(o *jobj)) {
	w.raw("{")
	fn(&jobj{w: w, empty: true})
	w.raw("}")
}

func (o *jobj) key(k string) {
	if !o.empty {
		o.w.raw(",")
	}
	o.empty = false
	o.w.str(k)
	o.w.raw(":")
}

func (o *jobj) str(k, v string) {
	if v != "" {
		o.key(k)
		o.w.str(v)
	}
}

func (o *jobj) num(k string, v int) {
	if v != 0 {
		o.key(k)
		o.w.raw(strconv.Itoa(v))
	}
}

func (o *jobj) boolean(k string, v bool) {
	if v {
		o.key(k)
		o.w.raw("true")
	}
}

func (o *jobj) text(k string, t Text) {
	if !t.IsZero() {
		o.key(k)
		o.w.obj(func(o *jobj) {
			for i := range t {
				o.str(t[i].lang, t[i].s)
			}
		})
	}
}

// arr writes the array of n elements under k, unless n is 0.
func (o *jobj) arr(k string, n int, elem func(i int)) {
	if n == 0 {
		return
	}
	o.key(k)
	o.w.raw("[")
	for i := 0; i < n; i++ {
		if i > 0 {
			o.w.raw(",")
		}
		elem(i)
	}
	o.w.raw("]")
}

// jv is a parsed JSON value.
type jv struct {
	kind byte // 's' string, 'n' number, 'b' boolean, 'a' array, 'o' object, 0 null
	s    string
	n    float64
	b    bool
	arr  []jv
	keys []string
	vals []jv
}

func (v jv) get(k string) jv {
	for i, key := range v.keys {
		if key == k {
			return v.vals[i]
		}
	}
	return jv{}
}

func (v jv) str(k string) string { return v.get(k).s }

func (v jv) text(k string) Text {
	t := v.get(k)
	if len(t.keys) == 0 {
		return nil
	}
	out := make(Text, 0, len(t.keys))
	for i, lang := range t.keys {
		out = out.With(lang, t.vals[i].s)
	}
	return out
}

// maxDepth bounds nesting, so that hostile input cannot exhaust the stack.
const maxDepth = 32

type jr struct {
	s   string
	i   int
	err string
}

// parseJSON reads one JSON value that makes up the whole of s.
func parseJSON(s string) (jv, string) {
	r := &jr{s: s}
	v := r.value(0)
	r.space()
	if r.err == "" && r.i != len(r.s) {
		r.fail("text after the value")
	}
	return v, r.err
}

func (r *jr) fail(msg string) {
	if r.err == "" {
		r.err = msg + " at byte " + strconv.Itoa(r.i)
	}
}

func (r *jr) space() {
	for r.i < len(r.s) && (r.s[r.i] == ' ' || r.s[r.i] == '\n' || r.s[r.i] == '\t' || r.s[r.i] == '\r') {
		r.i++
	}
}

func (r *jr) lit(word string) bool {
	if len(r.s)-r.i >= len(word) && r.s[r.i:r.i+len(word)] == word {
		r.i += len(word)
		return true
	}
	return false
}

func (r *jr) value(depth int) jv {
	r.space()
	if r.err != "" {
		return jv{}
	}
	if depth > maxDepth {
		r.fail("nested too deep")
		return jv{}
	}
	if r.i >= len(r.s) {
		r.fail("unexpected end")
		return jv{}
	}
	switch c := r.s[r.i]; {
	case c == '"':
		return jv{kind: 's', s: r.string()}
	case c == '{':
		r.i++
		v := jv{kind: 'o'}
		r.space()
		if r.lit("}") {
			return v
		}
		for r.err == "" {
			r.space()
			if r.i >= len(r.s) || r.s[r.i] != '"' {
				r.fail("want a key")
				break
			}
			k := r.string()
			r.space()
			if !r.lit(":") {
				r.fail("want ':'")
				break
			}
			v.keys = append(v.keys, k)
			v.vals = append(v.vals, r.value(depth+1))
			r.space()
			if r.lit("}") {
				return v
			}
			if !r.lit(",") {
				r.fail("want ',' or '}'")
			}
		}
		return jv{}
	case c == '[':
		r.i++
		v := jv{kind: 'a'}
		r.space()
		if r.lit("]") {
			return v
		}
		for r.err == "" {
			v.arr = append(v.arr, r.value(depth+1))
			r.space()
			if r.lit("]") {
				return v
			}
			if !r.lit(",") {
				r.fail("want ',' or ']'")
			}
		}
		return jv{}
	case r.lit("true"):
		return jv{kind: 'b', b: true}
	case r.lit("false"):
		return jv{kind: 'b'}
	case r.lit("null"):
		return jv{}
	case c == '-' || ('0' <= c && c <= '9'):
		// The wire format has whole numbers only.
		neg := r.lit("-")
		n, digits := 0.0, 0
		for r.i < len(r.s) && '0' <= r.s[r.i] && r.s[r.i] <= '9' && digits < 15 {
			n = n*10 + float64(r.s[r.i]-'0')
			r.i++
			digits++
		}
		if digits == 0 || (r.i < len(r.s) && (r.s[r.i] == '.' || r.s[r.i] == 'e' || r.s[r.i] == 'E' || ('0' <= r.s[r.i] && r.s[r.i] <= '9'))) {
			r.fail("not a whole number")
			return jv{}
		}
		if neg {
			n = -n
		}
		return jv{kind: 'n', n: n}
	}
	r.fail("unexpected character")
	return jv{}
}

// string reads a string literal at r.i.
func (r *jr) string() string {
	r.i++ // the opening quote
	var b []byte
	for r.i < len(r.s) {
		c := r.s[r.i]
		switch {
		case c == '"':
			r.i++
			return string(b)
		case c == '\\':
			if r.i+1 >= len(r.s) {
				r.fail("bad escape")
				return ""
			}
			e := r.s[r.i+1]
			r.i += 2
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'n':
				b = append(b, '\n')
			case 't':
				b = append(b, '\t')
			case 'r':
				b = append(b, '\r')
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'u':
				if r.i+4 > len(r.s) {
					r.fail("bad \\u escape")
					return ""
				}
				n, ok := hex4(r.s[r.i : r.i+4])
				if !ok {
					r.fail("bad \\u escape")
					return ""
				}
				r.i += 4
				ru := rune(n)
				if 0xd800 <= ru && ru < 0xdc00 && r.i+6 <= len(r.s) && r.s[r.i] == '\\' && r.s[r.i+1] == 'u' {
					if lo, ok := hex4(r.s[r.i+2 : r.i+6]); ok && 0xdc00 <= lo && lo < 0xe000 {
						ru = 0x10000 + (ru-0xd800)<<10 + (rune(lo) - 0xdc00)
						r.i += 6
					}
				}
				b = appendRune(b, ru)
			default:
				r.fail("bad escape")
				return ""
			}
		default:
			b = append(b, c)
			r.i++
		}
	}
	r.fail("unterminated string")
	return ""
}

func appendRune(b []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, 0xc0|byte(r>>6), 0x80|byte(r&0x3f))
	case r < 0x10000:
		if 0xd800 <= r && r < 0xe000 {
			r = 0xfffd
		}
		return append(b, 0xe0|byte(r>>12), 0x80|byte(r>>6&0x3f), 0x80|byte(r&0x3f))
	case r <= 0x10ffff:
		return append(b, 0xf0|byte(r>>18), 0x80|byte(r>>12&0x3f), 0x80|byte(r>>6&0x3f), 0x80|byte(r&0x3f))
	}
	return append(b, 0xef, 0xbf, 0xbd)
}

// hex4 reads four hexadecimal digits.
func hex4(s string) (int, bool) {
	n := 0
	for i := 0; i < 4; i++ {
		d := unhex(s[i])
		if d < 0 {
			return 0, false
		}
		n = n<<4 | d
	}
	return n, true
}
