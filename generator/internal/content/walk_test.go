package content

import (
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// The checker and the joining of Japanese text share one walk of the
// document; a link is still checked as parsed, before its text is joined,
// so a problem with a link whose text is Japanese (and split by the
// parser, at a line end or an escape) is reported at its "[", and the
// page is rendered as before.
func TestLinkWithJapaneseTextCheckedBeforeJoined(t *testing.T) {
	src := []byte("---\ntitle: t\n---\n\nまず、これは\n[新しい*窓口*\nの案内\\!](nothere.md)です。\n\n[窓口](../_index.md)と[**案内**\nです](https://example.jp/)\n")
	errs := &diag.List{}
	p := parse("content/sanda/big.ja.md", "sanda/big", "ja", src, errs)
	resolve := func(key string) (string, bool) { return "../index.html", key == "" }
	html := string(NewRenderer().Render(p, resolve, errs))
	items := errs.Items()
	if len(items) != 1 || items[0].Pos.Line != 6 || items[0].Pos.Col != 1 {
		t.Fatalf("problems %v; want one, at 6:1", items)
	}
	for _, want := range []string{
		`<p>まず、<wbr>これは`,
		`新しい<em>窓口</em>`,
		`<a href="../index.html">窓口</a>`,
		`<a href="https://example.jp/"><strong>案内</strong>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in\n%s", want, html)
		}
	}
}
