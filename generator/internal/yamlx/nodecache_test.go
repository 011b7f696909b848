package yamlx

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// resetNodeCache forgets the cache, as a new process would.
func resetNodeCache(t *testing.T) {
	t.Helper()
	c := &nodeCache
	c.mu.Lock()
	c.closeFile()
	c.path, c.old, c.used, c.added, c.saved = "", nil, nil, nil, nil
	c.enabled.Store(false)
	c.mu.Unlock()
	t.Cleanup(func() {
		c.mu.Lock()
		c.closeFile()
		c.path, c.old, c.used, c.added, c.saved = "", nil, nil, nil, nil
		c.enabled.Store(false)
		c.mu.Unlock()
	})
}

// cacheSources cover what a tree holds: every kind, style, tag, anchor
// and alias, comments, and a nested structure.
var cacheSources = []string{
	"kind: renewal\noffices: [hall, branch]\n",
	"# head\nname: {ja: 三田市, en: Sanda} # line\nnote: |\n  二行の\n  文章\nquoted: \"a\\tb\"\nsingle: 'x'\nfolded: >-\n  one\n  two\n\n# foot\n",
	"base: &b {open: \"08:30\", close: \"17:15\"}\nhours:\n  - *b\n  - <<: *b\n    close: \"19:00\"\nn: 3\nf: 1.5\nt: true\nnull: ~\ntagged: !!str 12\n",
	"- a\n- - b\n  - c\n- {d: [e, {f: g}]}\n",
	"just a scalar\n",
}

func parseFresh(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

// A tree encoded for the cache and decoded again is the tree yaml.v3
// parses, field for field.
func TestNodeCacheRoundTrip(t *testing.T) {
	for _, src := range cacheSources {
		want := parseFresh(t, src)
		enc, ok := encodeNode(want)
		if !ok {
			t.Fatalf("%q: not encoded", src)
		}
		got, err := decodeNode(enc)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: the decoded tree differs from the parsed one", src)
		}
		// Every truncation is refused, never a panic or a partial tree.
		for i := range len(enc) {
			if n, err := decodeNode(enc[:i]); err == nil {
				t.Fatalf("%q: truncated to %d bytes, decoded as %v", src, i, n)
			}
		}
	}
}

// parseAll parses every source as a file would be, returning the trees and
// the problems reported.
func parseAll(t *testing.T, srcs []string) ([]*yaml.Node, string) {
	t.Helper()
	errs := &diag.List{}
	var out []*yaml.Node
	for i, src := range srcs {
		d := &Decoder{File: filepath.Join("f", string(rune('a'+i))+".yaml"), Errs: errs}
		out = append(out, d.Parse([]byte(src)))
	}
	var b strings.Builder
	for _, p := range errs.Items() {
		b.WriteString(p.String() + "\n")
	}
	return out, b.String()
}

// With the cache, Parse gives the trees and problems it gives without: a
// second process takes the trees of the files parsed by the first from the
// file, parses the files it has not seen, and reports their problems.
func TestParseFromCache(t *testing.T) {
	resetNodeCache(t)
	want, wantErrs := parseAll(t, append(cacheSources, "a: [unclosed\n"))
	if wantErrs == "" {
		t.Fatal("the broken source gives no problem")
	}

	path := filepath.Join(t.TempDir(), "yaml-x.cache")
	LoadNodeCache(path)
	parseAll(t, cacheSources)
	if err := SaveNodeCache(); err != nil {
		t.Fatal(err)
	}

	resetNodeCache(t)
	if !LoadNodeCache(path) {
		t.Fatal("the saved cache was not read")
	}
	hits := NodeCacheHits()
	got, gotErrs := parseAll(t, append(cacheSources, "a: [unclosed\n"))
	if n := NodeCacheHits() - hits; n != int64(len(cacheSources)) {
		t.Errorf("%d trees from the cache, want %d", n, len(cacheSources))
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the trees from the cache differ from the parsed ones")
	}
	if gotErrs != wantErrs {
		t.Errorf("problems with the cache:\n%s\nwithout:\n%s", gotErrs, wantErrs)
	}
	// Each Parse has a tree of its own.
	again, _ := parseAll(t, cacheSources[:1])
	if again[0] == got[0] || &again[0].Content[0] == &got[0].Content[0] {
		t.Error("two Parse calls share a tree")
	}
}

// A cache file that is corrupt, truncated or of another format is not
// read, and everything is parsed again, as without it.
func TestCorruptNodeCacheIgnored(t *testing.T) {
	resetNodeCache(t)
	path := filepath.Join(t.TempDir(), "yaml-x.cache")
	LoadNodeCache(path)
	want, _ := parseAll(t, cacheSources)
	if err := SaveNodeCache(); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 0x20 // one bit of a tree: a different value
	for name, b := range map[string][]byte{
		"a flipped bit": flipped,
		"truncated":     good[:len(good)-7],
		"empty":         {},
		"another":       []byte("tebiki-yamlnodes 0\n" + string(good[19:])),
	} {
		t.Run(name, func(t *testing.T) {
			resetNodeCache(t)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if LoadNodeCache(path) {
				t.Error("the corrupt cache was read")
			}
			hits := NodeCacheHits()
			got, _ := parseAll(t, cacheSources)
			if NodeCacheHits() != hits {
				t.Error("a tree was taken from the corrupt cache")
			}
			if !reflect.DeepEqual(got, want) {
				t.Error("the trees differ")
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../../rules/sakuragawa/renewal.yaml")
	if err != nil {
		b.Skip(err)
	}
	run := func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			d := &Decoder{File: "f.yaml", Errs: &diag.List{}}
			if d.Parse(src) == nil {
				b.Fatal("not parsed")
			}
		}
	}
	b.Run("yaml.v3", func(b *testing.B) {
		nodeCache.enabled.Store(false)
		run(b)
	})
	b.Run("cached", func(b *testing.B) {
		nodeCache.enabled.Store(true)
		defer nodeCache.enabled.Store(false)
		nodeCache.mu.Lock()
		nodeCache.old, nodeCache.used, nodeCache.added, nodeCache.saved = map[[32]byte]record{}, map[[32]byte]bool{}, map[[32]byte]string{}, map[[32]byte]string{}
		nodeCache.mu.Unlock()
		d := &Decoder{File: "f.yaml", Errs: &diag.List{}}
		d.Parse(src) // kept
		run(b)
	})
}

// The trees a build did not parse (the rule tests an incremental build
// does not run, another project's) stay in the file while it is small, and
// are dropped past keepUnused and twice what the build parsed.
func TestNodeCacheKeepsUnused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "yaml-x.cache")
	fill := func(srcs []string) {
		resetNodeCache(t)
		LoadNodeCache(path)
		parseAll(t, srcs)
		if err := SaveNodeCache(); err != nil {
			t.Fatal(err)
		}
	}
	hitsFor := func(srcs []string) int64 {
		resetNodeCache(t)
		LoadNodeCache(path)
		h := NodeCacheHits()
		parseAll(t, srcs)
		return NodeCacheHits() - h
	}
	fill(cacheSources)
	fill(cacheSources[:1]) // a build that parses only the first
	if n := hitsFor(cacheSources); n != int64(len(cacheSources)) {
		t.Errorf("%d trees from the cache after a smaller build, want all %d", n, len(cacheSources))
	}
	defer func(k int) { keepUnused = k }(keepUnused)
	keepUnused = 0
	fill(append(cacheSources[:1:1], "another: file\n")) // something new, and the rest unused
	if n := hitsFor(cacheSources); n != 1 {
		t.Errorf("%d trees from the cache past keepUnused, want 1", n)
	}
}

// Trees parsed for the first time are added at the end of the file, which
// is read whole afterwards; a file whose last record was cut short (a build
// stopped while adding) is not read.
func TestNodeCacheAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "yaml-x.cache")
	save := func(srcs []string) {
		resetNodeCache(t)
		LoadNodeCache(path)
		parseAll(t, srcs)
		if err := SaveNodeCache(); err != nil {
			t.Fatal(err)
		}
	}
	save(cacheSources[:2])
	before, _ := os.ReadFile(path)
	save(cacheSources)
	after, _ := os.ReadFile(path)
	if len(after) <= len(before) || string(after[:len(before)]) != string(before) {
		t.Fatal("the new trees were not added at the end of the file")
	}
	resetNodeCache(t)
	LoadNodeCache(path)
	h := NodeCacheHits()
	parseAll(t, cacheSources)
	if n := NodeCacheHits() - h; n != int64(len(cacheSources)) {
		t.Errorf("%d trees from the cache, want %d", n, len(cacheSources))
	}
	if err := os.WriteFile(path, after[:len(after)-3], 0o600); err != nil {
		t.Fatal(err)
	}
	resetNodeCache(t)
	if LoadNodeCache(path) {
		t.Error("a file whose last record is cut short was read")
	}
}
