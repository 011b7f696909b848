package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// fileRecs are the files of a group in the build record. At national size
// the record lists 88,809 files (15 MB of JSON), read and written by every
// build over an earlier output: through reflection, encoding/json took a
// fifth of a build with nothing changed. These methods write the same JSON
// as encoding/json does for the map, and read what they write directly;
// anything else (a record written by hand, say) is read by encoding/json.
type fileRecs map[string]fileRec

// MarshalJSON writes the files as encoding/json writes the map: keys in
// order, no spaces. (encoding/json then escapes <, > and & as it always
// does.)
func (f fileRecs) MarshalJSON() ([]byte, error) {
	return f.appendTo(make([]byte, 0, len(f)*110)), nil
}

func (f fileRecs) appendTo(b []byte) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(f)) {
		if i > 0 {
			b = append(b, ',')
		}
		r := f[k]
		b = appendJSONString(b, k)
		b = append(b, `:{"h":`...)
		b = appendJSONString(b, r.Hash)
		b = append(b, `,"s":`...)
		b = strconv.AppendInt(b, r.Size, 10)
		b = append(b, `,"t":`...)
		b = strconv.AppendInt(b, r.MTime, 10)
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string, as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&',
			c == 0xe2: // U+2028 and U+2029 start with it: escaped too
			q, _ := json.Marshal(s)
			return append(b, q...)
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.ValidString(s) { // checked once, not at every byte
		q, _ := json.Marshal(s)
		return append(b, q...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

var errNotFast = errors.New("not in the form MarshalJSON writes")

// marshalManifest writes m as json.Marshal does, but its large parts (the
// groups, the inputs' and folders' status, the city summaries) directly:
// through json.Marshal, their JSON would be checked and copied once more.
// What m.was holds as it was read, and each group read (group.raw), is
// copied as it is (see recordreuse.go).
func marshalManifest(m *manifest) ([]byte, error) {
	var c chunks
	if err := m.writeTo(&c); err != nil {
		return nil, err
	}
	return c.b, nil
}

// chunks collects bytes written, handing them to w, when set, in pieces
// of about a megabyte: the record is not made whole in memory (22 MB at
// national size, a page fault every 4 KB).
type chunks struct {
	b   []byte
	w   io.Writer
	err error
}

var chunkSize = 1 << 20 // tests make it small

// spill hands what was collected to w once it is a piece.
func (c *chunks) spill() {
	if c.w != nil && len(c.b) >= chunkSize {
		c.flush()
	}
}

func (c *chunks) flush() {
	if c.w == nil || len(c.b) == 0 {
		return
	}
	if _, err := c.w.Write(c.b); err != nil && c.err == nil {
		c.err = err
	}
	c.b = c.b[:0]
}

// put adds b, handed over as it is when large.
func (c *chunks) put(b []byte) {
	if c.w != nil && len(b) >= chunkSize/4 {
		c.flush()
		if _, err := c.w.Write(b); err != nil && c.err == nil {
			c.err = err
		}
		return
	}
	c.b = append(c.b, b...)
	c.spill()
}

// writeTo writes the record into c.
//
// A group read from a record is written as it was read (group.raw), so its
// links and ids need not be decoded (manifest.complete) to write it.
func (m *manifest) writeTo(c *chunks) error {
	top := *m
	top.Groups = nil
	// json.Marshal writes a small stand-in for each large part (a map of
	// one key, "\u0000", which no path holds), replaced by the part.
	type part struct {
		stand []byte
		write func() error
		at    int
	}
	var parts []part
	var was recordBytes
	if m.was != nil {
		was = *m.was
	}
	if c.w == nil {
		size := len(m.Groups)*8192 + len(m.InputFiles)*150 + len(m.Dirs)*64 + len(m.Cities)
		if m.was != nil && m.was.size > 0 {
			size = m.was.size + m.was.size/8
		}
		c.b = make([]byte, 0, size)
	} else {
		c.b = make([]byte, 0, chunkSize+chunkSize/4)
	}
	if len(m.InputFiles) > 0 {
		top.InputFiles = inputRecs{"\x00": {}}
		in, _ := top.InputFiles.MarshalJSON()
		parts = append(parts, part{stand: in, write: func() error {
			c.b = appendSortedMap(c.b, m.InputFiles, was.inputs, sameInput, appendInputRec, c)
			return nil
		}})
	}
	if len(m.Dirs) > 0 {
		top.Dirs = dirRecs{"\x00": {}}
		in, _ := top.Dirs.MarshalJSON()
		parts = append(parts, part{stand: in, write: func() error {
			c.b = appendSortedMap(c.b, m.Dirs, was.dirs, sameDirRec, appendDirRec, c)
			return nil
		}})
	}
	if len(m.Cities) > 0 {
		const stand = `{"\u0000":0}`
		top.Cities = json.RawMessage(stand)
		parts = append(parts, part{stand: []byte(stand), write: func() error {
			if plainJSON(m.Cities) {
				c.put(m.Cities)
				return nil
			}
			q, err := json.Marshal(m.Cities)
			c.put(q)
			return err
		}})
	}
	// A string holds no bare quote, so this is the key itself.
	parts = append(parts, part{stand: []byte(`"groups":null`), write: func() error {
		c.b = append(c.b, `"groups":`...)
		m.appendGroups(c)
		return nil
	}})
	b, err := json.Marshal(&top)
	if err != nil {
		return err
	}
	for i, p := range parts {
		j := bytes.Index(b, p.stand)
		if j < 0 || bytes.Contains(b[j+1:], p.stand) {
			return errors.New("build record: no place for its groups, inputs, folders or cities")
		}
		parts[i].at = j
	}
	slices.SortFunc(parts, func(x, y part) int { return x.at - y.at })
	prev := 0
	for _, p := range parts {
		c.b = append(c.b, b[prev:p.at]...)
		if err := p.write(); err != nil {
			return err
		}
		prev = p.at + len(p.stand)
	}
	c.b = append(c.b, b[prev:]...)
	c.flush()
	return c.err
}

// appendGroups adds the groups as json.Marshal writes them; a group read
// from a record and kept is copied as it was written.
func (m *manifest) appendGroups(c *chunks) {
	if m.Groups == nil {
		c.b = append(c.b, "null"...)
		return
	}
	c.b = append(c.b, '{')
	for j, k := range slices.Sorted(maps.Keys(m.Groups)) {
		if j > 0 {
			c.b = append(c.b, ',')
		}
		c.b = appendJSONString(c.b, k)
		c.b = append(c.b, ':')
		g := m.Groups[k]
		switch {
		case g == nil:
			c.b = append(c.b, "null"...)
			continue
		case g.raw != nil:
			c.put(g.raw)
			continue
		}
		c.b = append(c.b, `{"files":`...)
		c.b = g.Files.appendTo(c.b)
		if len(g.Links) > 0 {
			c.b = append(c.b, `,"links":`...)
			lb, _ := g.Links.MarshalJSON()
			c.b = append(c.b, lb...)
		}
		if len(g.IDs) > 0 {
			c.b = append(c.b, `,"ids":`...)
			ib, _ := g.IDs.MarshalJSON()
			c.b = append(c.b, ib...)
		}
		c.b = append(c.b, '}')
		c.spill()
	}
	c.b = append(c.b, '}')
}

// UnmarshalJSON reads what MarshalJSON writes, else hands over to
// encoding/json.
func (f *fileRecs) UnmarshalJSON(data []byte) error {
	if m, err := readFileRecs(data, false); err == nil {
		*f = m
		return nil
	}
	var m map[string]fileRec
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*f = m
	return nil
}

// jsonReader reads JSON in the form this file writes it: no spaces, no
// escapes in strings; anything else makes it give up (ok false), and
// encoding/json reads the value instead.
type jsonReader struct {
	d  []byte
	i  int
	ok bool
	// alias makes the strings read share d's memory instead of copying
	// it: only for a d that is never changed afterwards (the record as
	// read from its file), never for what encoding/json hands over.
	alias bool
}

func (r *jsonReader) lit(s string) bool {
	if !r.ok || !bytes.HasPrefix(r.d[r.i:], []byte(s)) {
		r.ok = false
		return false
	}
	r.i += len(s)
	return true
}

// peek reports whether s comes next, and takes it if so.
func (r *jsonReader) peek(s string) bool {
	if r.ok && bytes.HasPrefix(r.d[r.i:], []byte(s)) {
		r.i += len(s)
		return true
	}
	return false
}

func (r *jsonReader) str() string {
	if !r.ok || r.i >= len(r.d) || r.d[r.i] != '"' {
		r.ok = false
		return ""
	}
	j := bytes.IndexByte(r.d[r.i+1:], '"')
	if j < 0 {
		r.ok = false
		return ""
	}
	s := r.d[r.i+1 : r.i+1+j]
	if bytes.IndexByte(s, '\\') >= 0 || !utf8.Valid(s) {
		r.ok = false // escapes: encoding/json reads them
		return ""
	}
	r.i += j + 2
	if r.alias && len(s) > 0 {
		return unsafe.String(&s[0], len(s))
	}
	return string(s)
}

func (r *jsonReader) num() int64 {
	if !r.ok {
		return 0
	}
	j := r.i
	neg := j < len(r.d) && r.d[j] == '-'
	if neg {
		j++
	}
	start := j
	var n uint64
	for j < len(r.d) && r.d[j] >= '0' && r.d[j] <= '9' {
		n = n*10 + uint64(r.d[j]-'0')
		j++
	}
	// 19 digits fit in a uint64; longer numbers go through strconv, which
	// refuses them. Leading zeros are not JSON.
	d := j - start
	if d == 0 || d > 19 || d > 1 && r.d[start] == '0' || n > 1<<63-1 && !(neg && n == 1<<63) {
		r.ok = false
		return 0
	}
	r.i = j
	if neg {
		return -int64(n)
	}
	return int64(n)
}

// list reads the elements of an array or object (after its opening
// bracket) with item, up to the closing one, and checks that nothing follows.
func (r *jsonReader) list(closing string, item func()) {
	if r.peek(closing) {
		r.end()
		return
	}
	for r.ok {
		item()
		if r.peek(closing) {
			r.end()
			return
		}
		r.lit(",")
	}
}

func (r *jsonReader) end() {
	if r.i != len(r.d) {
		r.ok = false
	}
}

func readFileRecs(d []byte, alias bool) (fileRecs, error) {
	r := &jsonReader{d: d, ok: true, alias: alias}
	m := r.fileRecs(bytes.Count(d, []byte(`{"h":`)))
	r.end()
	if !r.ok {
		return nil, errNotFast
	}
	return m, nil
}

// fileRecs reads the files at r.i, as MarshalJSON writes them, into a map
// sized for n, and moves past them (not past what follows, as list does):
// a group's files are read where they lie, not found first and then read.
func (r *jsonReader) fileRecs(n int) fileRecs {
	if r.peek("null") {
		return nil
	}
	m := make(fileRecs, n)
	r.lit("{")
	if r.peek("}") {
		return m
	}
	for r.ok {
		k := r.str()
		var f fileRec
		r.lit(`:{"h":`)
		f.Hash = r.str()
		r.lit(`,"s":`)
		f.Size = r.num()
		r.lit(`,"t":`)
		f.MTime = r.num()
		r.lit("}")
		if _, dup := m[k]; dup {
			r.ok = false
		}
		m[k] = f
		if r.peek("}") {
			return m
		}
		r.lit(",")
	}
	return nil
}

// pageIDs are the element ids of each content page, in the build record.
type pageIDs map[string][]string

func (p pageIDs) MarshalJSON() ([]byte, error) {
	if p == nil {
		return []byte("null"), nil
	}
	b := []byte{'{'}
	for i, k := range slices.Sorted(maps.Keys(p)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendStrings(b, p[k])
	}
	return append(b, '}'), nil
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

func (p *pageIDs) UnmarshalJSON(d []byte) error {
	if string(d) == "null" {
		*p = nil
		return nil
	}
	if m, ok := readPageIDs(d, false); ok {
		*p = m
		return nil
	}
	var plain map[string][]string
	if err := json.Unmarshal(d, &plain); err != nil {
		return err
	}
	*p = plain
	return nil
}

func readPageIDs(d []byte, alias bool) (pageIDs, bool) {
	r := &jsonReader{d: d, ok: true, alias: alias}
	m := pageIDs{}
	r.lit("{")
	r.list("}", func() {
		k := r.str()
		r.lit(":")
		var ids []string
		if !r.peek("null") {
			ids = []string{}
			r.lit("[")
			for r.ok && !r.peek("]") {
				if len(ids) > 0 {
					r.lit(",")
				}
				ids = append(ids, r.str())
			}
		}
		if _, dup := m[k]; dup {
			r.ok = false
		}
		m[k] = ids
	})
	return m, r.ok
}

// linkRecs are the links from a group's prose, in the build record.
type linkRecs []linkRec

func (ls linkRecs) MarshalJSON() ([]byte, error) {
	if ls == nil {
		return []byte("null"), nil
	}
	b := []byte{'['}
	for i, l := range ls {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"from":`...)
		b = appendJSONString(b, l.From)
		b = append(b, `,"to":`...)
		b = appendJSONString(b, l.Target)
		if l.Frag != "" {
			b = append(b, `,"frag":`...)
			b = appendJSONString(b, l.Frag)
		}
		b = append(b, `,"dest":`...)
		b = appendJSONString(b, l.Dest)
		b = append(b, `,"pos":{"File":`...)
		b = appendJSONString(b, l.Pos.File)
		b = append(b, `,"Line":`...)
		b = strconv.AppendInt(b, int64(l.Pos.Line), 10)
		b = append(b, `,"Col":`...)
		b = strconv.AppendInt(b, int64(l.Pos.Col), 10)
		b = append(b, "}}"...)
	}
	return append(b, ']'), nil
}

func (ls *linkRecs) UnmarshalJSON(d []byte) error {
	if string(d) == "null" {
		*ls = nil
		return nil
	}
	if out, ok := readLinkRecs(d, false); ok {
		*ls = out
		return nil
	}
	var plain []linkRec
	if err := json.Unmarshal(d, &plain); err != nil {
		return err
	}
	*ls = plain
	return nil
}

func readLinkRecs(d []byte, alias bool) (linkRecs, bool) {
	r := &jsonReader{d: d, ok: true, alias: alias}
	out := linkRecs{}
	r.lit("[")
	r.list("]", func() {
		var l linkRec
		r.lit(`{"from":`)
		l.From = r.str()
		r.lit(`,"to":`)
		l.Target = r.str()
		if r.peek(`,"frag":`) {
			l.Frag = r.str()
		}
		r.lit(`,"dest":`)
		l.Dest = r.str()
		r.lit(`,"pos":{"File":`)
		l.Pos.File = r.str()
		r.lit(`,"Line":`)
		l.Pos.Line = int(r.num())
		r.lit(`,"Col":`)
		l.Pos.Col = int(r.num())
		r.lit("}}")
		out = append(out, l)
	})
	return out, r.ok
}
