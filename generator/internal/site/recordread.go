package site

import (
	"bytes"
	"encoding/json"

	"github.com/tebiki/tebiki/generator/internal/par"
)

// Reading the build record without encoding/json's scanner. Through
// json.Unmarshal, the 15 MB record of a national site was checked once
// whole, then each group's value once more while skipping it: a fifth of a
// build with nothing changed. decodeManifest finds the extent of each
// top-level value and of each group by a plain scan, reads the groups in
// parallel with the readers of recordjson.go, and hands the small fields to
// encoding/json. A record in any other form (written by hand, with escapes
// in its strings) is read by json.Unmarshal, as before.

// b must not be changed afterwards: the strings of the record share its
// memory (one buffer instead of some 200,000 small strings).
func decodeManifest(b []byte) (*manifest, error) {
	if m, ok := readManifestFast(b); ok {
		return m, nil
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// skipValue returns the end of the JSON value that starts at d[i] (after
// any scalar, the index of what follows it), or -1 if d ends first. It does
// not check the value: the caller reads it.
func skipValue(d []byte, i int) int {
	depth := 0
	for i < len(d) {
		switch d[i] {
		case '"':
			// The closing quote: the next one not escaped (preceded by
			// an even number of backslashes).
			for {
				j := bytes.IndexByte(d[i+1:], '"')
				if j < 0 {
					return -1
				}
				i += 1 + j
				k := i
				for k > 0 && d[k-1] == '\\' {
					k--
				}
				if (i-k)%2 == 0 {
					break
				}
			}
			i++
			if depth == 0 {
				return i
			}
		case '{', '[':
			depth++
			i++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
			i++
			if depth == 0 {
				return i
			}
		case ',':
			if depth == 0 {
				return i
			}
			i++
		default:
			i++
		}
	}
	if depth == 0 {
		return i
	}
	return -1
}

// value reads the extent of the value at r.i and moves past it.
func (r *jsonReader) value() []byte {
	if !r.ok {
		return nil
	}
	end := skipValue(r.d, r.i)
	if end < 0 || end == r.i {
		r.ok = false
		return nil
	}
	v := r.d[r.i:end]
	r.i = end
	return v
}

func readManifestFast(b []byte) (*manifest, bool) {
	type entry struct {
		key string
		v   []byte
		g   *group
	}
	var (
		entries    []entry // the groups, each read later
		haveGroups bool
		nullGroups bool
		inputs     []byte
		dirs       []byte
		cities     []byte
	)
	r := &jsonReader{d: b, ok: true, alias: true}
	small := []byte{'{'} // the fields other than groups, inputFiles and dirs
	r.lit("{")
	r.list("}", func() {
		k := r.str()
		r.lit(":")
		switch k {
		case "groups": // the extent of each group, in one pass
			if haveGroups {
				r.ok = false
			}
			haveGroups = true
			if r.peek("null") {
				nullGroups = true
				return
			}
			r.lit("{")
			if r.peek("}") {
				return
			}
			if found, end := splitGroups(b, r.i); found != nil {
				for _, e := range found {
					entries = append(entries, entry{key: e.key, v: e.v})
				}
				r.i = end
				r.lit("}")
				return
			}
			for r.ok {
				k := r.str()
				r.lit(":")
				entries = append(entries, entry{key: k, v: r.value()})
				if r.peek("}") {
					return
				}
				r.lit(",")
			}
		case "inputFiles":
			inputs = r.value()
		case "dirs":
			dirs = r.value()
		case "cities":
			// Its extent only: checked beside the groups, not by
			// encoding/json with the small fields.
			cities = r.value()
		default:
			v := r.value()
			if len(small) > 1 {
				small = append(small, ',')
			}
			small = appendJSONString(small, k)
			small = append(small, ':')
			small = append(small, v...)
		}
	})
	if !r.ok || !haveGroups {
		return nil, false
	}
	var m manifest
	if err := json.Unmarshal(append(small, '}'), &m); err != nil {
		return nil, false
	}
	// The inputs' and the folders' status are read beside the groups (first,
	// being the largest pieces).
	bad := make([]bool, len(entries))
	was := &recordBytes{size: len(b)}
	m.was = was
	badCities := false
	const parts = 3 // the pieces read beside the groups
	par.For(parts+len(entries), func(i int) {
		switch i {
		case 0:
			if inputs != nil {
				m.InputFiles, was.inputs = readInputRecs(inputs, true)
			}
		case 1:
			if dirs != nil {
				m.Dirs, was.dirs = readDirRecs(dirs, true)
			}
		case 2:
			if cities != nil {
				badCities = !json.Valid(cities)
				m.Cities = json.RawMessage(cities)
			}
		default:
			g, ok := readGroup(entries[i-parts].v, true)
			entries[i-parts].g, bad[i-parts] = g, !ok
		}
	})
	if badCities {
		return nil, false
	}
	if nullGroups {
		return &m, true
	}
	m.Groups = make(map[string]*group, len(entries))
	for i, e := range entries {
		if _, dup := m.Groups[e.key]; dup || bad[i] {
			return nil, false
		}
		m.Groups[e.key] = e.g
	}
	return &m, true
}

// splitGroups returns the groups of a record, as marshalManifest writes
// them, from the first one's key at d[i], each with its value, and the end
// of the last value; nil if they are not found so. Each group's value
// begins with its files ({"files":…), and no other value of the groups
// does, nor a string (where a quote is escaped): the groups are found by
// that mark, the way bytes.Index finds it, not by scanning every value
// (15 MB at national size). The last group's end is found by scanning it.
// readGroup reads each value whole, so that a value that is not one group
// (a record not written by marshalManifest) is refused there.
func splitGroups(d []byte, i int) (found []rawGroup, end int) {
	const mark = `":{"files":`
	found = make([]rawGroup, 0, 64)
	for {
		r := &jsonReader{d: d, i: i, ok: true, alias: true}
		key := r.str()
		if !r.lit(":") {
			return nil, 0
		}
		start := r.i
		if n := bytes.Index(d[start:], []byte(mark)); n >= 0 {
			// The next key: from the quote before the mark's quote.
			next := bytes.LastIndexByte(d[start:start+n], '"')
			if next <= 0 || d[start+next-1] != ',' {
				return nil, 0
			}
			found = append(found, rawGroup{key, d[start : start+next-1]})
			i = start + next
			continue
		}
		end = skipValue(d, start)
		if end <= start {
			return nil, 0
		}
		return append(found, rawGroup{key, d[start:end]}), end
	}
}

type rawGroup struct {
	key string
	v   []byte
}

// readGroup reads a group as marshalManifest writes it; with alias (d is
// part of the record's file), its strings share d's memory.
func readGroup(d []byte, alias bool) (*group, bool) {
	if string(d) == "null" {
		return nil, true
	}
	r := &jsonReader{d: d, ok: true, alias: alias}
	g := &group{}
	r.lit(`{"files":`)
	g.Files = r.fileRecs(bytes.Count(d, []byte(`{"h":`)))
	// The links and element ids are read by complete, when a build
	// needs them (one with nothing changed does not).
	if r.peek(`,"links":`) {
		if g.rawLinks = r.value(); string(g.rawLinks) == "null" {
			return nil, false
		}
	}
	if r.peek(`,"ids":`) {
		if g.rawIDs = r.value(); string(g.rawIDs) == "null" {
			return nil, false
		}
	}
	r.lit("}")
	r.end()
	g.raw = d // as written: written again as it is when kept
	return g, r.ok
}

// complete reads the links and element ids that decodeManifest left for
// later; a record read otherwise has none left.
func (m *manifest) complete() error {
	var todo []*group
	for _, g := range m.Groups {
		if g != nil && (g.rawLinks != nil || g.rawIDs != nil) {
			todo = append(todo, g)
		}
	}
	bad := make([]bool, len(todo))
	par.For(len(todo), func(i int) {
		g := todo[i]
		ok := true
		if g.rawLinks != nil {
			g.Links, ok = readLinkRecs(g.rawLinks, true)
		}
		if ok && g.rawIDs != nil {
			g.IDs, ok = readPageIDs(g.rawIDs, true)
		}
		g.rawLinks, g.rawIDs = nil, nil
		bad[i] = !ok
	})
	for _, b := range bad {
		if b {
			return errRecordUnreadable
		}
	}
	return nil
}
