package site

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
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
	if got, err := readFileRecs(b); err != nil || !reflect.DeepEqual(got, simple) {
		t.Errorf("readFileRecs(%s) = %v, %v", b, got, err)
	}
	for i := range len(b) {
		if _, err := readFileRecs(b[:i]); err == nil {
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
