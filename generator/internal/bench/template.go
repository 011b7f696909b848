package bench

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/rules"
)

// template is a sample city the synthetic ones are derived from.
type template struct {
	name           string // folder under rules/ and content/
	nameJa, nameEn string // 桜川市, Sakuragawa
	prefJa, prefEn string
	city           []byte // rules/NAME/city.yaml
	procs          []templateProc
	// location lists what the city's offices put into an outcome's text
	// (buildings, counters, hours, notes): test words found in it are about
	// the template's offices, and are replaced by the new city's.
	location []string
}

type templateProc struct {
	id, kind   string
	rule, test []byte
}

type textY struct {
	Ja string `yaml:"ja"`
	En string `yaml:"en"`
}

type hoursY struct {
	Days  string `yaml:"days"`
	Open  string `yaml:"open"`
	Close string `yaml:"close"`
}

// ruleHours is the hours "days, open to close" (the generated cities' hours are valid).
func ruleHours(days, open, close string) rules.Hours {
	h, _ := rules.NewHours(days, open, close)
	return h
}

type officeY struct {
	ID       string   `yaml:"id"`
	Building textY    `yaml:"building"`
	Counter  textY    `yaml:"counter"`
	Hours    []hoursY `yaml:"hours"`
	Note     *textY   `yaml:"note,omitempty"`
}

type contactY struct {
	Name    textY  `yaml:"name"`
	Address textY  `yaml:"address"`
	Phone   string `yaml:"phone"`
	Fax     string `yaml:"fax,omitempty"`
}

// loadTemplate reads the sample city name, without the texts of the
// languages in drop.
func loadTemplate(src fs.FS, name string, drop map[string]bool) (*template, error) {
	dir := path.Join("rules", name)
	t := &template{name: name}
	var err error
	if t.city, err = fs.ReadFile(src, path.Join(dir, "city.yaml")); err != nil {
		return nil, fmt.Errorf("template city: %w", err)
	}
	if t.city, err = jaEnOnly(t.city, drop); err != nil {
		return nil, fmt.Errorf("%s/city.yaml: %w", dir, err)
	}
	var cf struct {
		Name       textY     `yaml:"name"`
		Prefecture textY     `yaml:"prefecture"`
		Offices    []officeY `yaml:"offices"`
	}
	if err := yaml.Unmarshal(t.city, &cf); err != nil {
		return nil, fmt.Errorf("%s/city.yaml: %w", dir, err)
	}
	t.nameJa = cf.Name.Ja
	t.nameEn, _, _ = strings.Cut(cf.Name.En, " City")
	t.prefJa, t.prefEn = cf.Prefecture.Ja, cf.Prefecture.En
	for _, o := range cf.Offices {
		t.location = append(t.location, o.Building.Ja+" "+o.Counter.Ja, o.Building.En+" "+o.Counter.En)
		for _, h := range o.Hours {
			rh := ruleHours(h.Days, h.Open, h.Close)
			t.location = append(t.location, rh.In(wordsOf("ja")), rh.In(wordsOf("en")))
		}
		if o.Note != nil {
			t.location = append(t.location, o.Note.Ja, o.Note.En)
		}
	}
	entries, err := fs.ReadDir(src, dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		n := e.Name()
		if n == "city.yaml" || strings.HasSuffix(n, ".test.yaml") || !strings.HasSuffix(n, ".yaml") {
			continue
		}
		p := templateProc{id: strings.TrimSuffix(n, ".yaml")}
		if p.rule, err = fs.ReadFile(src, path.Join(dir, n)); err != nil {
			return nil, err
		}
		if p.test, err = fs.ReadFile(src, path.Join(dir, p.id+".test.yaml")); err != nil {
			return nil, err
		}
		if p.rule, err = jaEnOnly(p.rule, drop); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", dir, n, err)
		}
		if p.test, err = jaEnOnly(p.test, drop); err != nil {
			return nil, fmt.Errorf("%s/%s.test.yaml: %w", dir, p.id, err)
		}
		var k struct {
			Kind string `yaml:"kind"`
		}
		if err := yaml.Unmarshal(p.rule, &k); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", dir, n, err)
		}
		p.kind = k.Kind
		t.procs = append(t.procs, p)
	}
	if len(t.procs) == 0 {
		return nil, fmt.Errorf("%s has no procedures", dir)
	}
	return t, nil
}

func (t *template) isLocation(word string) bool {
	for _, l := range t.location {
		if strings.Contains(l, word) {
			return true
		}
	}
	return false
}
