package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// sampleRecord is a record of n cities with their inputs and folders.
func sampleRecord(n int) *manifest {
	m := &manifest{
		Version: manifestVersion, Global: "g", Date: "2026-11-22",
		Inputs: map[string]string{"": "top"}, InputFiles: inputRecs{}, InputsAt: 99,
		Dirs: dirRecs{"ja": {Ino: 1, MTime: 2, CTime: 3}}, DirsAt: 98,
		Assets: map[string]string{"style.css": "style.0123.css"},
		Groups: map[string]*group{"": {Files: fileRecs{"index.html": {Hash: "h", Size: 1, MTime: 2}}}},
		Pages:  3, Summed: true,
	}
	cities := map[string]json.RawMessage{}
	for i := range n {
		c := fmt.Sprintf("c%03d", i)
		m.Inputs[c] = "hash" + c
		m.InputFiles["rules/"+c+"/city.yaml"] = inputRec{Hash: "a" + c, Size: int64(i), MTime: 10, Ino: uint64(i + 1), CTime: 11, Dates: []string{"2026-04-01"}}
		m.InputFiles["content/"+c+"/_index.ja.md"] = inputRec{Hash: "b" + c, Size: 5, MTime: 12}
		m.Dirs["ja/"+c] = dirRec{Ino: uint64(100 + i), MTime: 13, CTime: 14}
		m.Groups[c] = &group{
			Files: fileRecs{"ja/" + c + "/index.html": {Hash: "f" + c, Size: 7, MTime: 15}},
			Links: linkRecs{{From: "ja/" + c + "/index.html", Target: "ja/index.html", Dest: "../_index.md", Pos: diag.Pos{File: "content/" + c + "/_index.ja.md", Line: 1, Col: 2}}},
			IDs:   pageIDs{"ja/" + c + "/index.html": {"main"}},
		}
		cities[c] = json.RawMessage(`{"name":{"t":{"ja":"市<` + c + `>"},"pos":{"File":"","Line":0,"Col":0}},"pages":1}`)
	}
	m.Cities, _ = json.Marshal(cities)
	return m
}

// A record read and written again, with some groups, inputs and folders
// changed, added or removed, is written as json.Marshal writes it; and
// what stayed the same is copied from the bytes read, not written again.
func TestRecordWrittenAgain(t *testing.T) {
	b, err := marshalManifest(sampleRecord(20))
	if err != nil {
		t.Fatal(err)
	}
	read := func() *manifest {
		m, err := decodeManifest(bytes.Clone(b))
		if err != nil || m.was == nil || m.was.inputs == nil || m.was.dirs == nil {
			t.Fatalf("read: %v, %+v", err, m)
		}
		return m
	}
	for _, c := range []struct {
		name   string
		change func(old, m *manifest)
	}{
		{"nothing", func(old, m *manifest) {}},
		{"interrupted", func(old, m *manifest) { m.Interrupted = true }},
		{"one city rendered again", func(old, m *manifest) {
			m.Groups = maps.Clone(old.Groups)
			m.Groups["c004"] = &group{Files: fileRecs{"ja/c004/index.html": {Hash: "new", Size: 8, MTime: 16}}}
			m.InputFiles = maps.Clone(old.InputFiles)
			r := m.InputFiles["rules/c004/city.yaml"]
			r.MTime = 17
			m.InputFiles["rules/c004/city.yaml"] = r
			r = m.InputFiles["rules/c005/city.yaml"]
			r.Dates = []string{"2026-04-01", "2027-01-01"} // only they differ
			m.InputFiles["rules/c005/city.yaml"] = r
			r = m.InputFiles["content/c004/_index.ja.md"]
			r.Hash = "other"
			m.InputFiles["content/c004/_index.ja.md"] = r
			m.Dirs = maps.Clone(old.Dirs)
			m.Dirs["ja/c004"] = dirRec{Ino: 104, MTime: 18, CTime: 18}
		}},
		{"inputs and folders added and removed", func(old, m *manifest) {
			m.InputFiles = maps.Clone(old.InputFiles)
			delete(m.InputFiles, "rules/c000/city.yaml")
			delete(m.InputFiles, "content/c019/_index.ja.md")
			m.InputFiles["rules/c004/new.yaml"] = inputRec{Hash: "n"}
			m.InputFiles["a"] = inputRec{Hash: "first"}
			m.InputFiles["zz"] = inputRec{Hash: "last"}
			m.Dirs = maps.Clone(old.Dirs)
			delete(m.Dirs, "ja")
			m.Dirs["ja/c004/sub"] = dirRec{Ino: 7}
			m.Dirs["zz"] = dirRec{Ino: 8}
			delete(m.Groups, "c019")
			m.Groups["c100"] = &group{Files: fileRecs{}}
		}},
		{"the cities' summaries", func(old, m *manifest) { m.Cities = json.RawMessage(`{"c":{"a":"<b> \u2028"}}`) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			old := read()
			m := *old
			c.change(old, &m)
			got, err := marshalManifest(&m)
			if err != nil {
				t.Fatal(err)
			}
			if err := m.complete(); err != nil { // the links and ids json.Marshal writes
				t.Fatal(err)
			}
			want, err := json.Marshal(&m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("written again:\n%s\njson.Marshal writes:\n%s", firstDiffAt(got, want), firstDiffAt(want, got))
			}
			// Into a file, in pieces: the same bytes.
			defer func(n int) { chunkSize = n }(chunkSize)
			chunkSize = 64
			dir := t.TempDir()
			if err := writeManifest(dir, &m); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, ManifestName)); !bytes.Equal(got, want) {
				t.Errorf("written into a file:\n%s\njson.Marshal writes:\n%s", firstDiffAt(got, want), firstDiffAt(want, got))
			}
		})
	}
	// Copied: a kept group, input and folder written as read, even where
	// (in this test only) the bytes read no longer say what the record
	// holds.
	old := read()
	for _, c := range []struct {
		raw      []byte
		was, now string
	}{
		{old.Groups["c007"].raw, `"t":15`, `"t":95`},
		{rawOf(old.was.inputs, "rules/c007/city.yaml"), `"c":11`, `"c":91`},
		{rawOf(old.was.dirs, "ja/c007"), `,14]`, `,94]`},
	} {
		i := bytes.Index(c.raw, []byte(c.was))
		if i < 0 {
			t.Fatalf("no %s in %s", c.was, c.raw)
		}
		copy(c.raw[i:], c.now)
	}
	got, err := marshalManifest(old)
	if err != nil {
		t.Fatal(err)
	}
	again, err := decodeManifest(got)
	if err != nil {
		t.Fatal(err)
	}
	if again.Groups["c007"].Files["ja/c007/index.html"].MTime != 95 {
		t.Errorf("a kept group was written again, not copied")
	}
	if again.InputFiles["rules/c007/city.yaml"].CTime != 91 {
		t.Errorf("a kept input was written again, not copied")
	}
	if again.Dirs["ja/c007"].CTime != 94 {
		t.Errorf("a kept folder was written again, not copied")
	}
}

func rawOf[V any](e *rawEntries[V], key string) []byte {
	for i, k := range e.keys {
		if k == key {
			return e.raws[i]
		}
	}
	return nil
}

func firstDiffAt(a, b []byte) []byte {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo, hi := max(0, i-80), min(len(a), i+80)
	return a[lo:hi]
}

// Writing a record read again with one city changed: copied from the
// bytes read, and (for comparison) written from scratch.
func BenchmarkRecordWrittenAgain(b *testing.B) {
	data, err := marshalManifest(sampleRecord(2000))
	if err != nil {
		b.Fatal(err)
	}
	for _, copied := range []bool{true, false} {
		b.Run(fmt.Sprintf("copied=%v", copied), func(b *testing.B) {
			old, err := decodeManifest(data)
			if err != nil {
				b.Fatal(err)
			}
			if err := old.complete(); err != nil {
				b.Fatal(err)
			}
			if !copied {
				forgetBytes(old)
			}
			m := *old
			m.Groups = maps.Clone(old.Groups)
			m.Groups["c004"] = &group{Files: fileRecs{"ja/c004/index.html": {Hash: "new", Size: 8, MTime: 16}}}
			dir := b.TempDir()
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for range b.N {
				if err := writeManifest(dir, &m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A record read beside the mark of an interrupted build says it was
// interrupted and names the files the mark names, whatever the record says
// of it; its groups and inputs are read as they are. Once the mark is
// removed, it is a record like any other. A record written before the mark
// existed, saying itself that it was interrupted, still says so.
func TestRecordMarkedInterrupted(t *testing.T) {
	b, err := marshalManifest(sampleRecord(3))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range [][]byte{b, append([]byte(`{"interrupted":false,`), b[1:]...)} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ManifestName), rec, 0o644); err != nil {
			t.Fatal(err)
		}
		pending := []string{"ja/new/index.html", "en/new/index.html"}
		if err := markInterrupted(dir, pending); err != nil {
			t.Fatal(err)
		}
		again, err := readManifest(dir)
		if err != nil || !again.Interrupted || !slices.Equal(again.Pending, pending) {
			t.Fatalf("record read after the mark (%.30s…): %v, interrupted %v, pending %v", rec, err, again != nil && again.Interrupted, again.Pending)
		}
		if len(again.Groups) != 4 || len(again.InputFiles) != 6 {
			t.Errorf("the marked record lost its groups or inputs: %d, %d", len(again.Groups), len(again.InputFiles))
		}
		unmarkInterrupted(dir)
		if again, err := readManifest(dir); err != nil || again.Interrupted || again.Pending != nil {
			t.Errorf("record read after the mark was removed: %v, interrupted %v, pending %v", err, again.Interrupted, again.Pending)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ManifestName), append([]byte(`{"interrupted":true,`), b[1:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	if m, err := readManifest(dir); err != nil || !m.Interrupted {
		t.Errorf("a record that says it was interrupted: %v, interrupted %v", err, m != nil && m.Interrupted)
	}
}
