package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// The build record's files are written as encoding/json writes the plain
// map, byte for byte, and read back as they were, whatever the paths hold;
// a record in another form (indented by hand) is still read.
func TestFileRecsJSON(t *testing.T) {
	files := fileRecs{
		"ja/index.html":       {Hash: "00ff", Size: 123, MTime: 1764400000123456789},
		"en/a&b<c>.html":      {Hash: "ab", Size: 0, MTime: -1},
		`ja/"quoted"\x.html`:  {Hash: "1", Size: 1, MTime: 1},
		"ja/改行\n.html":        {Hash: "2", Size: 2, MTime: 2},
		"bad\xffutf8":         {Hash: "3", Size: 3, MTime: 3},
		"ja/三田市/renewal.html": {Hash: "4", Size: 4, MTime: 4},
	}
	type wrap struct {
		Files fileRecs `json:"files"`
	}
	type plain struct {
		Files map[string]fileRec `json:"files"`
	}
	for _, fs := range []fileRecs{files, {}, nil} {
		got, err := json.Marshal(wrap{fs})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(plain{fs})
		if string(got) != string(want) {
			t.Errorf("written:\n%s\nencoding/json writes:\n%s", got, want)
		}
		var wantBack plain
		if err := json.Unmarshal(want, &wantBack); err != nil {
			t.Fatal(err)
		}
		indented, _ := json.MarshalIndent(plain{fs}, "", "  ")
		for _, data := range [][]byte{got, indented} {
			var back wrap
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(map[string]fileRec(back.Files), wantBack.Files) {
				t.Errorf("read back from %s:\n%v, want %v", data, back.Files, wantBack.Files)
			}
		}
	}
	// The fast reader reads the usual form itself, and nothing cut short.
	simple := fileRecs{"a.html": {Hash: "00", Size: 1, MTime: 2}, "b/c.html": {Hash: "11", Size: 3, MTime: -4}}
	b, _ := simple.MarshalJSON()
	if got, err := readFileRecs(b, false); err != nil || !reflect.DeepEqual(got, simple) {
		t.Errorf("readFileRecs(%s) = %v, %v", b, got, err)
	}
	for i := range len(b) {
		if _, err := readFileRecs(b[:i], false); err == nil {
			t.Errorf("read %s, cut short", b[:i])
		}
	}
}

func BenchmarkFileRecsJSON(b *testing.B) {
	files := fileRecs{}
	for i := range 50000 {
		files[fmt.Sprintf("ja/c%04d/page%d.html", i/30, i%30)] = fileRec{Hash: "0123456789abcdef0123456789abcdef", Size: int64(i * 7), MTime: 1764400000123456789 + int64(i)}
	}
	type plain struct {
		Files map[string]fileRec `json:"files"`
	}
	type fast struct {
		Files fileRecs `json:"files"`
	}
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			data, _ := json.Marshal(plain{files})
			var w plain
			if err := json.Unmarshal(data, &w); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fileRecs", func(b *testing.B) {
		for b.Loop() {
			data, _ := json.Marshal(fast{files})
			var w fast
			if err := json.Unmarshal(data, &w); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// The ids and links of the build record, likewise: the JSON encoding/json
// writes, read back as they were, and other forms still read.
func TestIDsAndLinksJSON(t *testing.T) {
	type fast struct {
		IDs   pageIDs  `json:"ids,omitempty"`
		Links linkRecs `json:"links,omitempty"`
	}
	type plain struct {
		IDs   map[string][]string `json:"ids,omitempty"`
		Links []linkRec           `json:"links,omitempty"`
	}
	ids := map[string][]string{"ja/a.html": {"main", "手続き", `q"uote`}, "en/b<c>.html": {}, "x": nil}
	links := []linkRec{
		{From: "ja/a.html", Target: "ja/b.html", Frag: "窓口", Dest: "../b.md#窓口", Pos: diag.Pos{File: "content/a.ja.md", Line: 3, Col: 7}},
		{From: "en/a.html", Target: "en/b&c.html", Dest: "b.md", Pos: diag.Pos{File: "content/a.en.md", Line: 1}},
		{From: "bad\xff", Target: "t", Dest: "d\\e"},
	}
	for _, v := range []plain{{ids, links}, {map[string][]string{}, []linkRec{}}, {}} {
		want, _ := json.Marshal(v)
		got, err := json.Marshal(fast{v.IDs, v.Links})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("written:\n%s\nencoding/json writes:\n%s", got, want)
		}
		var wantBack plain
		json.Unmarshal(want, &wantBack)
		indented, _ := json.MarshalIndent(v, "", " ")
		for _, data := range [][]byte{got, indented} {
			var back fast
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(plain{back.IDs, back.Links}, wantBack) {
				t.Errorf("read back from %s:\n%#v\nwant %#v", data, plain{back.IDs, back.Links}, wantBack)
			}
		}
	}
}

// What the record usually holds (no escapes) is read without encoding/json.
func TestRecordFastPaths(t *testing.T) {
	ids := pageIDs{"ja/a.html": {"main", "手続き"}, "en/b.html": {}}
	b, _ := ids.MarshalJSON()
	if got, ok := readPageIDs(b, false); !ok || !reflect.DeepEqual(got, ids) {
		t.Errorf("readPageIDs(%s) = %v, %v", b, got, ok)
	}
	links := linkRecs{
		{From: "ja/a.html", Target: "ja/b.html", Frag: "窓口", Dest: "../b.md#窓口", Pos: diag.Pos{File: "content/a.ja.md", Line: 3, Col: 7}},
		{From: "en/a.html", Target: "en/b.html", Dest: "b.md", Pos: diag.Pos{File: "content/a.en.md", Line: 1}},
	}
	b, _ = links.MarshalJSON()
	if got, ok := readLinkRecs(b, false); !ok || !reflect.DeepEqual(got, links) {
		t.Errorf("readLinkRecs(%s) = %v, %v", b, got, ok)
	}
	for i := range len(b) {
		if _, ok := readLinkRecs(b[:i], false); ok {
			t.Errorf("read %s, cut short", b[:i])
		}
	}
}

// The build record is written as json.Marshal writes it, byte for byte.
func TestMarshalManifest(t *testing.T) {
	m := &manifest{
		Version: manifestVersion, Global: "g", Date: "2026-11-22",
		Inputs: map[string]string{"": "a", "c<1>": "b", "groups": "x"},
		Assets: map[string]string{"style.css": "style.0123.css"},
		Groups: map[string]*group{
			"": {Files: fileRecs{"index.html": {Hash: "h", Size: 1, MTime: 2}}},
			"三田&市\u2028": {
				Files: fileRecs{"ja/三田/a&b.html": {Hash: "h2", Size: 3, MTime: 4}},
				Links: linkRecs{{From: "ja/三田/a&b.html", Target: "ja/x.html", Frag: "f", Dest: "x.md#f", Pos: diag.Pos{File: "content/三田/a.ja.md", Line: 2, Col: 3}}},
				IDs:   pageIDs{"ja/三田/a&b.html": {"main", "<id>"}},
			},
			"empty": {Files: fileRecs{}, Links: linkRecs{}, IDs: pageIDs{}},
		},
		Shard: []string{"a"}, Pages: 3, Warned: true,
		Warnings: recordWarnings([]diag.Diagnostic{{Pos: diag.Pos{File: "f"}, Msg: diag.T("x %d", 1), Warning: true}}),
		InputFiles: inputRecs{
			"rules/c<1>/city.yaml": {Hash: "ab", Size: 10, MTime: 11, Ino: 12, CTime: 13, Dates: []string{"2026-04-01"}},
			"content/三田.md":        {Hash: "cd", Size: 1, MTime: 2},
		},
		InputsAt: 99,
		Dirs:     dirRecs{"ja": {Ino: 5, MTime: 6, CTime: 7}, "ja/三田&": {Ino: 8, MTime: 9, CTime: 10}},
		DirsAt:   98,
	}
	for _, mm := range []*manifest{m, {Version: 1}, {Version: 1, InputFiles: inputRecs{}, Dirs: dirRecs{}}} {
		want, err := json.Marshal(mm)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalManifest(mm)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("written:\n%s\njson.Marshal writes:\n%s", got, want)
		}
	}
}

// The record is read without encoding/json's scanner as encoding/json
// reads it; a record in another form is still read, and a broken one
// refused.
func TestDecodeManifest(t *testing.T) {
	m := &manifest{
		Version: manifestVersion, Global: "g", Date: "2026-11-22",
		Inputs: map[string]string{"": "a", "c1": "b", "groups": "x"},
		InputFiles: inputRecs{
			"rules/c1/city.yaml": {Hash: "ab", Size: 10, MTime: 11, Ino: 12, CTime: 13, Dates: []string{"2026-04-01"}},
			"content/index.md":   {Hash: "cd", Size: 1, MTime: 2},
		},
		InputsAt: 99,
		Dirs:     dirRecs{"ja": {Ino: 5, MTime: 6, CTime: 7}, "ja/三田": {Ino: 1 << 40, MTime: 1764440000123456789, CTime: 1764440000123456790}},
		DirsAt:   98,
		Assets:   map[string]string{"style.css": "style.0123.css"},
		Groups: map[string]*group{
			"": {Files: fileRecs{"index.html": {Hash: "h", Size: 1, MTime: 2}}},
			"三田": {
				Files: fileRecs{"ja/三田/a.html": {Hash: "h2", Size: 3, MTime: 4}},
				Links: linkRecs{{From: "ja/三田/a.html", Target: "ja/x.html", Frag: "f", Dest: "x.md#f", Pos: diag.Pos{File: "content/三田/a.ja.md", Line: 2, Col: 3}}},
				IDs:   pageIDs{"ja/三田/a.html": {"main", "id"}},
			},
			"empty": {Files: fileRecs{}},
		},
		Pages: 3, Warned: true, Upcoming: []Upcoming{},
		Warnings: recordWarnings([]diag.Diagnostic{{Pos: diag.Pos{File: "f"}, Msg: diag.T("x %d", 1), Warning: true}}),
	}
	b, err := marshalManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	var want manifest
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	fast, ok := readManifestFast(b)
	if !ok {
		t.Fatalf("not read fast:\n%s", b)
	}
	if g := fast.Groups["三田"]; g.Links != nil || g.IDs != nil {
		t.Errorf("links and ids read before they are needed: %v %v", g.Links, g.IDs)
	}
	if err := fast.complete(); err != nil {
		t.Fatal(err)
	}
	forgetBytes(fast)
	if !reflect.DeepEqual(fast, &want) {
		t.Errorf("read fast:\n%+v\nencoding/json reads:\n%+v", fast, &want)
	}
	// Indented, or with an escape: read by encoding/json.
	var ind bytes.Buffer
	json.Indent(&ind, b, "", " ")
	esc := bytes.Replace(b, []byte(`"index.html"`), []byte(`"index\u002ehtml"`), 1)
	for _, in := range [][]byte{ind.Bytes(), esc} {
		if _, ok := readManifestFast(in); ok {
			t.Errorf("read fast:\n%s", in)
		}
		got, err := decodeManifest(in)
		if err == nil {
			err = got.complete()
		}
		if err == nil {
			forgetBytes(got)
		}
		if err != nil || !reflect.DeepEqual(got, &want) {
			t.Errorf("decodeManifest = %+v, %v", got, err)
		}
	}
	// A broken link, read only when needed: the record is then unreadable.
	broken := bytes.Replace(b, []byte(`"Line":2`), []byte(`"Line":"2"`), 1)
	if m, err := decodeManifest(broken); err != nil || m.complete() == nil {
		t.Errorf("a record with a broken link: read, %v; complete gave no error", err)
	}
	for i := 1; i < len(b); i++ {
		if m, ok := readManifestFast(b[:i]); ok && m.complete() == nil {
			t.Errorf("read %s, cut short", b[:i])
		}
		if got, err := decodeManifest(b[:i]); err == nil && got.Groups != nil && got.complete() == nil {
			t.Errorf("decodeManifest read %s, cut short", b[:i])
		}
	}
}

// skipValue finds the end of a value, whatever its strings hold.
func TestSkipValue(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`"a\"b\\",1`, `"a\"b\\"`},
		{`{"a\"}":"x\\\\","b":[1,{"c":"]}\\\""}]},2`, `{"a\"}":"x\\\\","b":[1,{"c":"]}\\\""}]}`},
		{`123,`, `123`},
		{`null}`, `null`},
		{`[[],{}]`, `[[],{}]`},
	} {
		if end := skipValue([]byte(c.in), 0); end < 0 || c.in[:end] != c.want {
			t.Errorf("skipValue(%s) = %d; want the end of %s", c.in, end, c.want)
		}
	}
	for _, in := range []string{`"abc`, `"ab\"`, `{"a":[1,2}`, `[`} {
		if end := skipValue([]byte(in), 0); end != -1 {
			t.Errorf("skipValue(%s) = %d; want -1 (cut short)", in, end)
		}
	}
}

// forgetBytes drops what a record read keeps of its bytes (recordreuse.go),
// to compare what it says.
func forgetBytes(m *manifest) {
	m.was = nil
	for _, g := range m.Groups {
		if g != nil {
			g.raw = nil
		}
	}
}
