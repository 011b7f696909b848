package e2e

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/browser"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

// The checker carried inside tebiki, which staff publish (no Go on their
// machine), works in the browser: the sample site built with it and served
// over HTTP fetches that binary, and on one guide page per city the longest
// path ends on the static outcome page's checklist.
func TestEmbeddedChecker(t *testing.T) {
	f := sample(t)
	emb, err := wasmbuild.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ef := &fixture{root: f.root, rules: f.rules, date: f.date, dir: filepath.Join(t.TempDir(), "public")}
	if _, err := site.Build(site.Options{Src: os.DirFS(f.root), Out: ef.dir, Checker: site.EmbeddedChecker, Date: f.date.String()}); err != nil {
		t.Fatal(err)
	}
	base, stop, err := browser.Serve(ef.dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	ef.base = base
	for city, lang := range map[string]string{"sakuragawa": "ja", "sanda": "en"} {
		t.Run(lang+"/"+city, func(t *testing.T) {
			p := findProc(t, ef, city, "renewal")
			paths := p.p.Core.Paths()
			longest := paths[0]
			for _, path := range paths {
				if len(path.Asked) > len(longest.Asked) {
					longest = path
				}
			}
			tb := openTab(t, ef.base+p.guidePath(lang))
			tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
			tb.waitChecker()
			tb.answerPath(longest)
			compareChecklists(t, tb.url+hashOf(longest), tb.checkerChecklist(), tb.staticChecklist(ef, p.flowPath(lang, answerIDs(longest))))
			fetched := 0
			for _, r := range tb.mon.requestList() {
				if strings.HasSuffix(r, ".wasm") {
					fetched++
					b, err := os.ReadFile(filepath.Join(ef.dir, "assets", path.Base(r)))
					if err != nil || !bytes.Equal(b, emb.Wasm) {
						t.Errorf("the page fetched %s, which is not the embedded checker (%v)", r, err)
					}
				}
			}
			if fetched != 1 {
				t.Errorf("the page fetched %d .wasm files, want 1: %q", fetched, tb.mon.requestList())
			}
			tb.assertClean()
		})
	}
}
