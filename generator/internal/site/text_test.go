package site_test

import (
	"strings"
	"testing"
)

// Each outcome page of the real sample site states what is true for its own
// result. Sanda's renewal says "less than 3 months left" (its source's
// wording) only where the resident answered so, never on the pages for
// expired certificates, and Sakuragawa's wording stays "from 3 months before".
func TestOutcomePagesStateTheirOwnWindow(t *testing.T) {
	out, _ := buildSite(t, repoFS(t), "default")
	files := readTree(t, out)
	page := func(p string) string {
		t.Helper()
		b, ok := files[p]
		if !ok {
			t.Fatalf("no page %s", p)
		}
		return unmark(string(b))
	}
	for _, c := range []struct {
		page      string
		says, not []string
	}{
		{"ja/sanda/renewal/check/expired.self.html", []string{"有効期限を過ぎている"}, []string{"3か月未満", "3か月を切った"}},
		{"en/sanda/renewal/check/expired.self.html", []string{"have expired"}, []string{"less than 3 months"}},
		{"ja/sanda/renewal/check/expired.proxy.html", []string{"有効期限を過ぎて"}, []string{"3か月未満", "3か月を切った"}},
		{"en/sanda/renewal/check/expired.proxy.html", []string{"After the expiry date"}, []string{"less than 3 months"}},
		{"ja/sanda/renewal/check/open.self.html", []string{"3か月未満"}, nil},
		{"en/sanda/renewal/check/open.self.html", []string{"less than 3 months left"}, nil},
		{"ja/sanda/renewal/check/too_early.html", []string{"3か月未満になってから", "このサイトでは", "計算"}, []string{"3か月前から"}},
		{"en/sanda/renewal/check/too_early.html", []string{"less than 3 months are left", "calculates"}, nil},
		{"ja/sakuragawa/renewal/check/too_early.html", []string{"3か月前から", "計算"}, []string{"3か月未満"}},
		{"en/sakuragawa/renewal/check/too_early.html", []string{"3 months before the expiry date", "calculates"}, []string{"less than 3 months"}},
		// The PIN-entry note applies to every renewal, the legal
		// representative's included (and not to the PIN reset).
		{"ja/sakuragawa/renewal/check/open.legal.ward.html", []string{"暗証番号の入力が必要"}, nil},
		{"en/sakuragawa/renewal/check/open.legal.ward.html", []string{"PINs set when the card was issued"}, nil},
		{"ja/sakuragawa/pin_reset/check/legal.ward.html", nil, []string{"暗証番号の入力が必要"}},
	} {
		p := page(c.page)
		for _, w := range c.says {
			if !strings.Contains(p, w) {
				t.Errorf("%s does not say %q", c.page, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(p, w) {
				t.Errorf("%s says %q, which is not true for this result", c.page, w)
			}
		}
	}
}

// The Japanese texts keep the polite register of a city's own pages.
func TestJapaneseRegister(t *testing.T) {
	out, _ := buildSite(t, repoFS(t), "default")
	files := readTree(t, out)
	plain := []string{"持ってきてください", "窓口に来る人", "窓口に行く人", "問い合わせてください", "渡してください", "選んでください", "誰ですか", "を持っていますか", "あなたの場合"}
	for _, name := range htmlPages(files) {
		if !strings.HasPrefix(name, "ja/") {
			continue
		}
		p := unmark(string(files[name]))
		for _, w := range plain {
			if strings.Contains(p, w) {
				t.Errorf("%s: %q (write it in the polite register)", name, w)
			}
		}
	}
}
