package kagomedict

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// ipaZip opens the IPA dictionary's zip that package ipa embeds.
func ipaZip(tb testing.TB) *zip.Reader {
	tb.Helper()
	f, err := ipaSrc.Open("ipa.dict")
	if err != nil {
		tb.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(f.(io.ReaderAt), st.Size())
	if err != nil {
		tb.Fatal(err)
	}
	return zr
}

var refs [2]struct {
	sync.Once
	d *dict.Dict
}

// reference loads the IPA dictionary with kagome-dict's own loader, as
// ipa.Dict and ipa.DictShrink do (once per test process; no test changes
// it).
func reference(tb testing.TB, full bool) *dict.Dict {
	tb.Helper()
	r := &refs[0]
	if full {
		r = &refs[1]
	}
	r.Do(func() {
		d, err := dict.Load(ipaZip(tb), full)
		if err != nil {
			tb.Fatal(err)
		}
		r.d = d
	})
	if r.d == nil {
		tb.Fatal("no reference dictionary")
	}
	return r.d
}

func load(tb testing.TB, full bool) *dict.Dict {
	tb.Helper()
	d, err := LoadIPA(full)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// sameDict reports every table of got that differs from want's.
func sameDict(t *testing.T, got, want *dict.Dict) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := range gv.NumField() {
		name := gv.Type().Field(i).Name
		if !gv.Type().Field(i).IsExported() {
			continue
		}
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s differs from kagome-dict's", name)
		}
	}
	if !reflect.DeepEqual(got.Info(), want.Info()) {
		t.Errorf("Info: got %+v, want %+v", got.Info(), want.Info())
	}
	t.Errorf("the dictionaries differ")
}

func TestFullEqualsKagomes(t *testing.T) {
	got := load(t, true)
	if len(got.Contents) == 0 || len(got.Morphs) == 0 {
		t.Fatalf("empty dictionary: %d entries, %d features", len(got.Morphs), len(got.Contents))
	}
	sameDict(t, got, ipa.Dict())
}

func TestShrinkEqualsKagomes(t *testing.T) {
	got := load(t, false)
	if got.Contents != nil || len(got.Morphs) == 0 {
		t.Fatalf("shrunk dictionary: %d entries, %d features", len(got.Morphs), len(got.Contents))
	}
	sameDict(t, got, reference(t, false))
}

// corpus is every line of the sample site's rules and Japanese pages, and
// of the jatext tests (their sentences), with Japanese in it.
func corpus(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	var lines []string
	add := func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			for _, r := range l {
				if r >= 0x3000 {
					lines = append(lines, l)
					break
				}
			}
		}
	}
	for _, dir := range []string{"rules", "content", filepath.Join("generator", "internal", "jatext")} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			n := e.Name()
			if !e.IsDir() && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".ja.md") || strings.HasSuffix(n, "_test.go")) {
				add(path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(lines) < 300 {
		t.Fatalf("only %d lines of Japanese found", len(lines))
	}
	return lines
}

func describe(toks []tokenizer.Token) string {
	var b strings.Builder
	for _, k := range toks {
		b.WriteString(k.Surface)
		b.WriteString("\t")
		b.WriteString(strings.Join(k.Features(), ","))
		if r, ok := k.Reading(); ok {
			b.WriteString("\t" + r)
		}
		b.WriteString("\t" + k.Class.String() + "\n")
	}
	return b.String()
}

func sameTokens(t *testing.T, got, want *dict.Dict) {
	t.Helper()
	gt, err := tokenizer.New(got, tokenizer.OmitBosEos())
	if err != nil {
		t.Fatal(err)
	}
	wt, err := tokenizer.New(want, tokenizer.OmitBosEos())
	if err != nil {
		t.Fatal(err)
	}
	lines := corpus(t)
	ntok := 0
	for _, l := range lines {
		g, w := gt.Tokenize(l), wt.Tokenize(l)
		ntok += len(w)
		if a, b := describe(g), describe(w); a != b || !reflect.DeepEqual(ids(g), ids(w)) {
			t.Errorf("%q:\n got %s\nwant %s", l, a, b)
		}
	}
	t.Logf("%d lines, %d tokens", len(lines), ntok)
}

func ids(toks []tokenizer.Token) [][4]int {
	out := make([][4]int, len(toks))
	for i, k := range toks {
		out[i] = [4]int{k.ID, int(k.Class), k.Start, k.End}
	}
	return out
}

func TestFullTokensEqualKagomes(t *testing.T) {
	sameTokens(t, load(t, true), ipa.Dict())
}

func TestShrinkTokensEqualKagomes(t *testing.T) {
	sameTokens(t, load(t, false), reference(t, false))
}

// A damaged dictionary gives an error, not a panic or a dictionary.
func TestDamagedPartsGiveErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionary several times: the full suite runs it")
	}
	zr := ipaZip(t)
	for _, f := range zr.File {
		if f.Name == dict.DictInfoFileName || f.Name == dict.ContentDictFileName {
			continue // read leniently by kagome too
		}
		b, err := inflate(f)
		if err != nil {
			t.Fatal(err)
		}
		cuts := []int{0, 7, len(b) / 2, len(b) - 1}
		if f.Name == dict.UnkDictFileName {
			cuts = cuts[:2] // its features, last, are read to the end by kagome's reader
		}
		for _, cut := range cuts {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create(f.Name)
			w.Write(b[:cut])
			zw.Close()
			r, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Load(r, true); err == nil {
				t.Errorf("%s cut at %d of %d bytes: no error", f.Name, cut, len(b))
			}
		}
	}
}

// On a little-endian machine the tables of integers are the bytes of their
// parts, read in place; decoded element by element (as on a big-endian
// machine), they are the same.
func TestTablesInPlaceAndDecoded(t *testing.T) {
	if !littleEndian {
		t.Skip("big-endian: tables are always decoded")
	}
	parts, err := partsOf(ipaZip(t).File, false)
	if err != nil {
		t.Fatal(err)
	}
	d, bufs, err := loadParts(parts)
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]unsafe.Pointer{
		dict.MorphDictFileName:      unsafe.Pointer(unsafe.SliceData(d.Morphs)),
		dict.IndexDictFileName:      unsafe.Pointer(unsafe.SliceData(d.Index.Da)),
		dict.ConnectionDictFileName: unsafe.Pointer(unsafe.SliceData(d.Connection.Vec)),
	} {
		b := bufs[name]
		if uintptr(p) < uintptr(unsafe.Pointer(&b[0])) || uintptr(p) >= uintptr(unsafe.Pointer(&b[0]))+uintptr(len(b)) {
			t.Errorf("%s: the table is not read in place", name)
		}
	}
	inPlace = false
	defer func() { inPlace = littleEndian }()
	decoded, _, err := loadParts(parts)
	if err != nil {
		t.Fatal(err)
	}
	sameDict(t, decoded, d)
	sameDict(t, decoded, reference(t, false))
}

// kagomedict reads package ipa's unexported embedded zip (ipa.go): a new
// version of the package must be checked (the variable still an embed.FS
// holding ipa.dict, the tests passing) before this version is changed.
func TestIPAVersionChecked(t *testing.T) {
	const checked = "github.com/ikawaha/kagome-dict/ipa v1.2.6"
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\t"+checked+"\n") {
		t.Errorf("go.mod does not require %s, the version kagomedict was checked with: check ipa.go's go:linkname against the new version, then update this test", checked)
	}
}
