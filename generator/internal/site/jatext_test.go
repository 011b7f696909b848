package site_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tebiki/tebiki/generator/internal/jatext"
)

// Every run of Japanese on an English page is inside an element with
// lang="ja", so screen readers read it as Japanese (WCAG 3.1.2); names and
// terms also carry translate="no". The pages are parsed as a browser does
// (golang.org/x/net/html), so elements the minifier leaves unclosed count.
func TestEnglishPagesMarkJapanese(t *testing.T) {
	out, _ := buildSite(t, repoFS(t), "default")
	files := readTree(t, out)
	checked, marked := 0, 0
	for _, name := range htmlPages(files) {
		if !strings.HasPrefix(name, "en/") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checked++
		var walk func(n *html.Node, lang string, translate bool)
		walk = func(n *html.Node, lang string, translate bool) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "head", "script", "style", "template":
					return
				case "svg":
					translate = false // the staff graph: lang only (translate is not an SVG attribute)
				}
				for _, a := range n.Attr {
					switch a.Key {
					case "lang":
						lang = a.Val
					case "translate":
						translate = a.Val != "no"
					}
				}
			}
			if n.Type == html.TextNode && jatext.HasJapanese(n.Data) {
				if lang != "ja" {
					t.Errorf("%s: Japanese outside lang=\"ja\": %q (in <%s>)", name, strings.TrimSpace(n.Data), n.Parent.Data)
				} else {
					marked++
				}
				for _, w := range []string{"岩瀬庁舎", "照会書兼回答書", "市民課"} {
					if n.Data == w && translate {
						t.Errorf("%s: the name %q can be translated (want translate=\"no\")", name, w)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, lang, translate)
			}
		}
		walk(doc, "", true)
	}
	if checked < 40 || marked < 100 {
		t.Errorf("checked %d English pages with %d runs of Japanese; want the whole site", checked, marked)
	}
}

// Japanese pages offer line breaks between phrases only: the listed words
// are never cut by a <wbr>, and long sentences are.
func TestJapanesePagesBreakBetweenPhrases(t *testing.T) {
	out, _ := buildSite(t, repoFS(t), "default")
	files := readTree(t, out)
	page := string(files["ja/sakuragawa/renewal/index.html"])
	for _, w := range []string{"成年被後見人", "3か月", "岩瀬庁舎", "照会書兼回答書", "方式"} {
		if !strings.Contains(page, w) {
			t.Errorf("ja/sakuragawa/renewal/index.html: %q is missing or cut", w)
		}
	}
	if !strings.Contains(page, "必ず<wbr>封を<wbr>した<wbr>状態で<wbr>お持ちください。") {
		t.Errorf("ja/sakuragawa/renewal/index.html: no break opportunities between phrases")
	}
}
