package rules

import (
	"os"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/config"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// The default theme's words, as a site built with it has them.
var (
	themeWordsOnce sync.Once
	themeWords     = map[string]map[string]string{}
)

func wordsFor(lang string) Words {
	themeWordsOnce.Do(func() {
		for _, l := range []string{"ja", "en"} {
			themeWords[l] = DefaultWords(l)
		}
	})
	return NewWords(lang, themeWords[lang])
}

// testBook is the words of the repository's site: the built-in ones and the
// default theme's strings, for each language of tebiki.yaml.
func testBook() Book {
	var b Book
	root := os.DirFS("../../..")
	for _, l := range config.LanguagesOf(root) {
		src, err := fs.ReadFile(root, "themes/default/i18n/"+l.Code+".yaml")
		if err != nil {
			panic(err)
		}
		theme := map[string]string{}
		if err := yaml.Unmarshal(src, &theme); err != nil {
			panic(err)
		}
		b = append(b, NewWords(l.Code, WithDefaults(l.Code, theme)))
	}
	return b
}

var ja, en = wordsFor("ja"), wordsFor("en")

// runTests runs the rule tests as a site does: with the theme's words.
func runTests(fsys fs.FS, r *Rules, errs *diag.List) TestReport {
	r.Words = testBook()
	return RunTests(fsys, r, errs)
}

func TestWordsFill(t *testing.T) {
	w := NewWords("x", map[string]string{"fmt.span": "{from}–{to}{unknown}", "fmt.list.sep": ", ", "fmt.list.last": " & "})
	if got := w.F("span", "from", "a", "to", "b"); got != "a–b{unknown}" {
		t.Errorf("F = %q", got)
	}
	if got := w.Join("list", []string{"a", "b", "c"}); got != "a, b & c" {
		t.Errorf("Join = %q", got)
	}
	if got := w.F("missing"); got != "" {
		t.Errorf("missing key = %q", got)
	}
}

// Every pattern the rules use has a built-in default in Japanese and English,
// with no slot the code does not fill.
func TestThemeHasWordKeys(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		for k, slots := range WordKeys {
			s, ok := themeWords[lang][k]
			if !ok {
				t.Errorf("%s: no %s", lang, k)
				continue
			}
			for _, part := range strings.Split(s, "{")[1:] {
				name, _, _ := strings.Cut(part, "}")
				found := false
				for _, x := range slots {
					found = found || x == name
				}
				if !found {
					t.Errorf("%s %s: slot {%s} is never filled", lang, k, name)
				}
			}
		}
	}
}
