package bench

import (
	"os"
	"path/filepath"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/rules"
)

// The generated pages and rule tests state hours as the site writes them,
// with the default theme's words (its UI strings "fmt.*").
var (
	wordsMu sync.Mutex
	words   = map[string]rules.Words{}
)

// useWords reads the default theme's words under root.
func useWords(root string) error {
	wordsMu.Lock()
	defer wordsMu.Unlock()
	for _, lang := range []string{"ja", "en"} {
		b, err := os.ReadFile(filepath.Join(root, "themes", "default", "i18n", lang+".yaml"))
		if err != nil {
			return err
		}
		theme := map[string]string{}
		if err := yaml.Unmarshal(b, &theme); err != nil {
			return err
		}
		words[lang] = rules.NewWords(lang, rules.WithDefaults(lang, theme))
	}
	return nil
}

// wordsOf returns the words of lang ("ja" or "en"), read by useWords.
func wordsOf(lang string) rules.Words {
	wordsMu.Lock()
	defer wordsMu.Unlock()
	return words[lang]
}
