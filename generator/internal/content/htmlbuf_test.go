package content

import (
	"runtime"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// The HTML of a page is written straight into the string it is returned
// in: no bufio.Writer of 4 KB from goldmark, no bytes.Buffer grown by
// doubling and then copied out.
func TestPageHTMLBytes(t *testing.T) {
	para := "更新の手続きは、有効期限の3か月前からできます。Renewal is done at the counter.\n\n"
	body := strings.Repeat(para, 30) // about 3 KB, as a page of the generated national site
	r := NewRenderer()
	resolve := func(string) (string, bool) { return "../index.html", true }
	errs := &diag.List{}
	p := parse("content/sanda/big.ja.md", "sanda/big", "ja", []byte("---\ntitle: t\n---\n\n"+body), errs)
	html := r.Render(p, resolve, errs)
	const runs = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		r.Render(p, resolve, errs)
	}
	runtime.ReadMemStats(&after)
	per := (after.TotalAlloc - before.TotalAlloc) / runs
	// Goldmark's nodes, segments and parsing state are most of it: 36.0 KB
	// in all, 39.4 KB when the HTML went through goldmark's bufio.Writer
	// and a bytes.Buffer.
	t.Logf("%d bytes allocated for %d bytes of Markdown, %d of HTML", per, len(body), len(html))
	if limit := uint64(37 << 10); per > limit {
		t.Errorf("%d bytes allocated to render a page of %d bytes of HTML; want at most %d", per, len(html), limit)
	}
}

// The string returned does not keep a buffer much larger than itself.
func TestHTMLBufTrimmed(t *testing.T) {
	for _, n := range []int{0, 10, 1000, 100000} {
		b := newHTMLBuf(n)
		b.WriteString(strings.Repeat("x", n/10))
		s := b.html()
		if s != strings.Repeat("x", n/10) {
			t.Fatalf("html() = %d bytes; want %d", len(s), n/10)
		}
		b2 := newHTMLBuf(n)
		b2.WriteString(strings.Repeat("y", n+n/2))
		if b2.html() != strings.Repeat("y", n+n/2) {
			t.Fatalf("html() of a full buffer differs")
		}
	}
}
