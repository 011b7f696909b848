// Package bench measures Tebiki at national scale: it generates synthetic
// but realistic projects of any number of cities, derived from the two
// sample cities, and times Tebiki's builds against Hugo's on the same
// Markdown (go run ./generator/cmd/bench). It also reports the page weight of the
// sample site, and holds go test benchmarks of each build stage.
//
// Only generator/cmd/bench and tests import it; the product
// (generator/cmd/tebiki) must not (enforced by package layers).
package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/config"
)

// templateCities are the sample cities the synthetic ones are derived from,
// in turn: c0001 is Sakuragawa-like, c0002 Sanda-like, and so on.
var templateCities = []string{"sakuragawa", "sanda"}

const modulePath = "github.com/tebiki/tebiki"

// FindRoot returns the root of the Tebiki repository (the folder whose
// go.mod declares the module), searching from start (default: the working
// directory) upwards.
func FindRoot(start string) (string, error) {
	if start == "" {
		start = "."
	}
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module "+modulePath+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("the Tebiki repository (go.mod of %s) is not above %s; run from inside it or give -root", modulePath, start)
		}
		dir = parent
	}
}

// GenerateSite writes a complete project (content/, rules/, themes/) with
// cities synthetic cities into dir, taking the national rules, the top page
// and the themes from the repository found above the working directory. The
// output depends only on cities and seed.
func GenerateSite(dir string, cities int, seed int64) error {
	root, err := FindRoot("")
	if err != nil {
		return err
	}
	return GenerateSiteFrom(root, dir, cities, seed)
}

// GenerateSiteFrom is GenerateSite with the repository root given.
func GenerateSiteFrom(root, dir string, cities int, seed int64) error {
	if cities < 1 {
		return errors.New("at least one city is needed")
	}
	src := os.DirFS(root)
	if err := useWords(root); err != nil {
		return err
	}
	// The generated projects are in Japanese and English (they have no
	// tebiki.yaml): the texts of the repository's other languages are left
	// out of what is taken from it.
	drop := map[string]bool{}
	for _, code := range config.Codes(config.LanguagesOf(src)) {
		if code != "ja" && code != "en" {
			drop[code] = true
		}
	}
	var tmpls []*template
	for _, name := range templateCities {
		t, err := loadTemplate(src, name, drop)
		if err != nil {
			return err
		}
		tmpls = append(tmpls, t)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Shared input, as it is in the repository: the national rules and what
	// sits beside them (folders starting with "_", such as schemas), the top
	// page, the themes.
	national, err := fs.ReadFile(src, "rules/national.yaml")
	if err != nil {
		return err
	}
	if national, err = jaEnOnly(national, drop); err != nil {
		return fmt.Errorf("rules/national.yaml: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "rules"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "rules", "national.yaml"), national, 0o644); err != nil {
		return err
	}
	for _, p := range []string{"content/_index.ja.md", "content/_index.en.md"} {
		if err := copyFile(src, p, dir); err != nil {
			return err
		}
	}
	trees := []string{"themes"}
	if es, err := fs.ReadDir(src, "rules"); err == nil {
		for _, e := range es {
			if e.IsDir() && strings.HasPrefix(e.Name(), "_") {
				trees = append(trees, "rules/"+e.Name())
			}
		}
	}
	for _, t := range trees {
		if err := copyTree(src, t, dir); err != nil {
			return err
		}
	}
	names := cityNames(cities, seed)
	for i := range cities {
		rng := rand.New(rand.NewPCG(uint64(seed), uint64(i)+1))
		c := newCity(i, names[i], tmpls[i%len(tmpls)], rng)
		if err := c.write(dir); err != nil {
			return fmt.Errorf("city %s: %w", c.id(), err)
		}
	}
	return nil
}

// EditHours changes the closing time of the first office of city id in the
// project at dir, and the hours its rule tests expect: the edit a city makes
// when its counter's hours change. It returns the new hours in Japanese.
func EditHours(dir, id, closeAt string) (string, error) {
	file := filepath.Join(dir, "rules", id, "city.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	doc, err := parseDoc(src)
	if err != nil {
		return "", err
	}
	offs := mapGet(doc.Content[0], "offices")
	if offs == nil || len(offs.Content) == 0 {
		return "", fmt.Errorf("%s has no offices", file)
	}
	hs := mapGet(offs.Content[0], "hours")
	if hs == nil || len(hs.Content) == 0 {
		return "", fmt.Errorf("%s: the first office has no hours", file)
	}
	var h hoursY
	if err := hs.Content[0].Decode(&h); err != nil {
		return "", err
	}
	old := ruleHours(h.Days, h.Open, h.Close)
	cl := mapGet(hs.Content[0], "close")
	cl.Value, cl.Style = closeAt, yaml.DoubleQuotedStyle
	nu := ruleHours(h.Days, h.Open, closeAt)
	out, err := encodeDoc(doc)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(file, out, 0o644); err != nil {
		return "", err
	}
	r := strings.NewReplacer(old.In(wordsOf("ja")), nu.In(wordsOf("ja")), old.In(wordsOf("en")), nu.In(wordsOf("en")))
	tests, _ := filepath.Glob(filepath.Join(dir, "rules", id, "*.test.yaml"))
	for _, f := range tests {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		if nb := r.Replace(string(b)); nb != string(b) {
			if err := os.WriteFile(f, []byte(nb), 0o644); err != nil {
				return "", err
			}
		}
	}
	return nu.In(wordsOf("ja")), nil
}
