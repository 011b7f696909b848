package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

// TestOutcomePagesGolden compares every outcome page of the sample site's
// static checker, in every language, with testdata/outcomes. The pages are
// what a resident takes to the counter, so they change only deliberately:
//
//	UPDATE_SNAPSHOTS=1 go test ./generator/internal/site -run OutcomePagesGolden
//
// then inspect the diff of testdata/outcomes before committing it.
func TestOutcomePagesGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: os.DirFS(filepath.Join("..", "..", "..")), Out: out}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "outcomes")
	update := os.Getenv("UPDATE_SNAPSHOTS") != ""
	if update {
		os.RemoveAll(golden)
	}
	var pages []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(p, "/check/") && strings.HasSuffix(p, ".html") {
			b, _ := os.ReadFile(p)
			if bytes.Contains(b, []byte(`class="flow outcome"`)) {
				rel, _ := filepath.Rel(out, p)
				pages = append(pages, rel)
			}
		}
		return nil
	})
	sort.Strings(pages)
	// 25 paths through the four procedures (12 + 5 + 2 + 6), in the three
	// languages of tebiki.yaml (ja, en and easy).
	if len(pages) != 3*25 {
		t.Errorf("found %d outcome pages, want %d", len(pages), 3*25)
	}
	for _, rel := range pages {
		b, _ := os.ReadFile(filepath.Join(out, rel))
		got := readable(b)
		want := filepath.Join(golden, rel)
		if update {
			os.MkdirAll(filepath.Dir(want), 0o755)
			if err := os.WriteFile(want, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := os.ReadFile(want)
		if err != nil {
			t.Errorf("%s: no golden file (run with UPDATE_SNAPSHOTS=1, then inspect the diff)", rel)
			continue
		}
		if !bytes.Equal(w, got) {
			t.Errorf("%s differs from %s (UPDATE_SNAPSHOTS=1 to accept, then inspect the diff)\n%s", rel, want, lineDiff(w, got))
		}
	}
	if !update {
		filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(golden, p)
				if i := sort.SearchStrings(pages, rel); i == len(pages) || pages[i] != rel {
					t.Errorf("golden %s has no page any more", rel)
				}
			}
			return nil
		})
	}
}

var blockTag = regexp.MustCompile(`<(/?(?:html|head|body|header|main|footer|nav|article|section|div|h[1-6]|p|ul|ol|li|dl|dt|dd|table|tr|address|link|meta|title)\b)`)

var assetHash = regexp.MustCompile(`-[A-Z0-9]{8}\.(css|js|wasm)\b`)

// readable puts block tags on their own lines so golden diffs are legible,
// and hides asset hashes, which change with every stylesheet edit.
func readable(b []byte) []byte {
	b = assetHash.ReplaceAll(b, []byte("-HASH.$1"))
	return append(bytes.TrimSpace(blockTag.ReplaceAll(b, []byte("\n<$1"))), '\n')
}

func lineDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "first difference, line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}
