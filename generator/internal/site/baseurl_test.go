package site_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/site"
)

func TestBaseURLMakesAlternatesAbsoluteAndWritesSitemap(t *testing.T) {
	repo := os.DirFS(filepath.Join("..", "..", ".."))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: repo, Out: out, BaseURL: "https://www.city.example.jp/tebiki"}); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(out, "en/sanda/renewal/index.html"))
	for _, want := range []string{
		`<link rel="alternate" hreflang="ja" href="https://www.city.example.jp/tebiki/ja/sanda/renewal/index.html">`,
		`<a href="../../../ja/sanda/renewal/index.html" hreflang="ja" lang="ja">`, // the switch stays relative
		// Easy Japanese is Japanese to screen readers, and its own edition to
		// search engines (a private-use subtag, so not a duplicate of ja).
		`<link rel="alternate" hreflang="ja-x-easy" href="https://www.city.example.jp/tebiki/easy/sanda/renewal/index.html">`,
		`<a href="../../../easy/sanda/renewal/index.html" hreflang="ja-x-easy" lang="ja">やさしい にほんご</a>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %s", want)
		}
	}
	raw, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Lang string `xml:"hreflang,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(raw, &sm); err != nil {
		t.Fatal(err)
	}
	pages := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	if len(sm.URLs) != pages {
		t.Errorf("sitemap lists %d URLs, the site has %d pages", len(sm.URLs), pages)
	}
	for _, u := range sm.URLs {
		rel := strings.TrimPrefix(u.Loc, "https://www.city.example.jp/tebiki/")
		if _, err := os.Stat(filepath.Join(out, rel)); err != nil {
			t.Errorf("sitemap URL %s has no page", u.Loc)
		}
		if rel != "index.html" && len(u.Links) != 3 {
			t.Errorf("%s has %d alternates, want one per language (3)", u.Loc, len(u.Links))
		}
		seen := map[string]bool{}
		for _, l := range u.Links {
			if seen[l.Lang] {
				t.Errorf("%s: two alternates for %s", u.Loc, l.Lang)
			}
			seen[l.Lang] = true
		}
	}

	// Without a base URL there is no sitemap and alternates are relative.
	out2 := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Src: repo, Out: out2}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out2, "sitemap.xml")); err == nil {
		t.Error("sitemap.xml written without a base URL")
	}
}
