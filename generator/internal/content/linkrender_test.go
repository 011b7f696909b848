package content

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

var urls = []string{
	"", "a", "https://www.example.jp/", "HTTPS://EXAMPLE.JP", "mailto:x@example.jp", "tel:0795-59-5050",
	"javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:", "javascript", "vbscript:x", "VBScript:x",
	"file:///etc/passwd", "FILE:x", "data:", "DATA:text/html,x", "data:image/", "data:image/png;base64,x",
	"DATA:IMAGE/PNG;x", "data:image/gif;x", "data:image/jpeg;x", "data:image/webp;x", "data:image/svg+xml,x",
	"data:image/jpeg", "Data:Image/Jpeg;x", "\u212Aavascript:x", "javascr\u0130pt:x", "data:image/\u212Apng;",
	"日本語:x", "../sanda/renewal.html#窓口", "jav\tascript:x",
}

// dangerousURL answers as goldmark's html.IsDangerousURL does.
func TestDangerousURLAsGoldmark(t *testing.T) {
	for _, u := range urls {
		if got, want := dangerousURL([]byte(u)), html.IsDangerousURL([]byte(u)); got != want {
			t.Errorf("dangerousURL(%q) = %v; goldmark says %v", u, got, want)
		}
	}
}

// Links are written as goldmark's HTML renderer writes them: with a title
// or not, safe addresses or not, characters to escape or not.
func TestLinksAsGoldmark(t *testing.T) {
	var src strings.Builder
	for i, u := range urls {
		fmt.Fprintf(&src, "[link %d](<%s>) [*窓口* & %d](<%s> \"title & <%d>\") <%s>\n\n", i, u, i, u, i, u)
	}
	src.WriteString("[a](x \"t\") [b](<a b> 'u') [c](a&amp;b) [d](a%20b%zz) [e](\\!x) [f](&#x41;)\n\n[ref]\n\n[ref]: https://example.jp/ \"ref title\"\n")
	plain := goldmark.New()
	ours := goldmark.New(goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newLinkRenderer(), 500))))
	var want, got bytes.Buffer
	if err := plain.Convert([]byte(src.String()), &want); err != nil {
		t.Fatal(err)
	}
	if err := ours.Convert([]byte(src.String()), &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("links differ from goldmark's:\n%s\nwant\n%s", got.String(), want.String())
	}
}

// renderAllocs is the number of allocations of rendering a page.
func renderAllocs(t *testing.T, body string) float64 {
	t.Helper()
	r := NewRenderer()
	resolve := func(string) (string, bool) { return "../index.html", true }
	src := []byte("---\ntitle: t\n---\n\n" + body)
	errs := &diag.List{}
	p := parse("content/sanda/big.ja.md", "sanda/big", "ja", src, errs)
	r.Render(p, resolve, errs) // phrases cut
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	return testing.AllocsPerRun(10, func() { r.Render(p, resolve, errs) })
}

// What a line with a link costs in allocations, goldmark's own included:
// 31 before this was looked at, of which the check of the address against
// goldmark's dangerous schemes made ten copies of prefixes.
func TestLinkAllocations(t *testing.T) {
	const k = 20
	one := renderAllocs(t, "詳しくは[こちら](https://www.example.jp/)を見てください。\n")
	many := renderAllocs(t, strings.Repeat("詳しくは[こちら](https://www.example.jp/)を見てください。\n", k))
	per := (many - one) / (k - 1)
	t.Logf("%.1f allocations per line with a link", per)
	if per > 10 {
		t.Errorf("%.1f allocations per line with a link; want at most 10", per)
	}
}

// What a paragraph of Japanese text costs in allocations, goldmark's own
// included: the text's HTML was built in a string and copied (jatext.Write),
// the text of the paragraph was copied into its JapaneseText node, and the
// document walked twice, the second walk gathering its nodes in a slice:
// 11 allocations, now 4 (the nodes come from a slab).
func TestJapaneseParagraphAllocations(t *testing.T) {
	const k = 20
	para := "更新の手続きは、有効期限の3か月前からできます。\n\n"
	one := renderAllocs(t, para)
	many := renderAllocs(t, strings.Repeat(para, k))
	per := (many - one) / (k - 1)
	t.Logf("%.1f allocations per paragraph", per)
	if per > 4.5 {
		t.Errorf("%.1f allocations per paragraph; want at most 4.5", per)
	}
}

// parseLink gives what url.Parse gives.
func TestParseLinkAsURLParse(t *testing.T) {
	for _, d := range []string{
		"", "renewal.md", "../sanda/renewal.md", "./a/b/../c.md", "a.md#part", "a.md?x=1", "/abs.md", "//host/x.md",
		"//host", "a:b.md", "https://example.jp/", "a b.md", "a%20b.md", "窓口.md", "~x/_y-z.MD", "..", ".", "a//b.md",
		"mailto:x@example.jp", "a.md#窓口", "%zz.md", "a\x7f.md",
	} {
		got, gerr := parseLink(d)
		want, werr := url.Parse(d)
		if (gerr != nil) != (werr != nil) || gerr == nil && !reflect.DeepEqual(&got, want) {
			t.Errorf("parseLink(%q) = %#v, %v; url.Parse gives %#v, %v", d, got, gerr, want, werr)
		}
	}
}

// A line with a link to another page: 34 allocations before this was
// looked at, 12 with the changes above, now 9 (the usual relative path is
// not given to url.Parse nor path.Join, the folder of the page is found
// once).
func TestPageLinkAllocations(t *testing.T) {
	const k = 20
	line := "詳しくは[こちら](../_index.md)を見てください。\n"
	one := renderAllocs(t, line)
	many := renderAllocs(t, strings.Repeat(line, k))
	per := (many - one) / (k - 1)
	t.Logf("%.1f allocations per line with a link to a page", per)
	if per > 9.5 {
		t.Errorf("%.1f allocations per line with a link to a page; want at most 9.5", per)
	}
}

// joinPath gives what path.Join gives.
func TestJoinPathAsPathJoin(t *testing.T) {
	dirs := []string{"", ".", "..", "/", "content", "content/sanda", "content/a/b/c", "../x", "x/..", "/abs/dir", "content/.."}
	rels := []string{"", ".", "..", "../", "a.md", "./a.md", "../a.md", "../../a.md", "../../../../a.md", "../b/a.md",
		"b//a.md", "b/./a.md", "b/../a.md", "b/", "../..", "../.", ".../a.md", "..a/b.md", "../_index.md", "/a.md"}
	for _, d := range dirs {
		for _, r := range rels {
			if got, want := joinPath(d, r), path.Join(d, r); got != want {
				t.Errorf("joinPath(%q, %q) = %q; path.Join gives %q", d, r, got, want)
			}
		}
	}
}
