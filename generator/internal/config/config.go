// Package config reads the site's configuration, tebiki.yaml at the root of
// the project (beside content/, rules/ and themes/). The file is optional:
// without it every setting has its default.
//
//	# tebiki.yaml
//	timezone: Asia/Tokyo   # the zone of "today": what is in force, announcements
//
// Unknown keys and unknown zones are errors with their file:line:col, like
// every other input file.
//
// It owns tebiki.yaml and "today" in the site's zone. It imports only diag,
// yamlx and the core; not the loaders (rules, content, theme) nor the build.
package config

import (
	"errors"
	"io/fs"
	"strings"
	"time"
	_ "time/tzdata" // zones work on computers without a zone database (Windows)

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
	"github.com/tebiki/tebiki/wasm/decide"
)

// File is the name of the configuration file at the site root.
const File = "tebiki.yaml"

// DefaultZone is the time zone of a site that names none.
const DefaultZone = "Asia/Tokyo"

// Config is the site configuration.
type Config struct {
	// Timezone names the zone (IANA, such as Asia/Tokyo) in which the site's
	// dates are decided: which day "today" is, hence what is in force and
	// which scheduled changes are announced. Default Asia/Tokyo, whatever the
	// zone of the computer that builds.
	Timezone Zone `yaml:"timezone"`
	// Languages are the site's languages, in the order they are shown; the
	// first is its main language. Default: Japanese and English.
	Languages Languages `yaml:"languages"`
	// Pos is where the settings start in the file (or just the file name).
	Pos diag.Pos `yaml:"-"`
}

// Zone is a time zone read from the file.
type Zone struct {
	Name     string
	Location *time.Location
	Pos      diag.Pos
}

// UnmarshalYAMLX reads a zone name and checks that the zone exists.
func (z *Zone) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	z.Pos = d.Pos(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		d.Errs.AddHint(d.Pos(n), "write a zone name such as Asia/Tokyo", "expected a time zone, found %s", yamlx.KindName(n))
		return
	}
	loc, err := loadZone(n.Value)
	if err != nil {
		d.Errs.AddHint(d.Pos(n), "write a zone name of the IANA time zone database, such as Asia/Tokyo", "unknown time zone %q", n.Value)
		return
	}
	z.Name, z.Location = n.Value, loc
}

func loadZone(name string) (*time.Location, error) {
	// time.LoadLocation accepts "" and "UTC" and "Local"; "Local" would make
	// the build depend on the computer again, which the setting is there to
	// prevent.
	if name == "" || name == "Local" {
		return nil, errors.New("not a zone")
	}
	return time.LoadLocation(name)
}

// Default returns the configuration of a site without tebiki.yaml.
func Default() *Config {
	loc, err := loadZone(DefaultZone)
	if err != nil {
		panic(err) // the zone database is embedded
	}
	return &Config{Timezone: Zone{Name: DefaultZone, Location: loc}, Languages: DefaultLanguages()}
}

// Load reads tebiki.yaml from the root of fsys. A missing file gives the
// defaults; problems are added to errs (and the defaults stand in for what
// could not be read).
func Load(fsys fs.FS, errs *diag.List) *Config {
	c := Default()
	src, err := fs.ReadFile(fsys, File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c
	case err != nil:
		errs.Add(diag.Pos{File: File}, "cannot read: %v", err)
		return c
	}
	c.Pos = diag.Pos{File: File}
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) == nil && len(doc.Content) == 0 {
		return c // only comments: every setting has its default
	}
	var read Config
	d := &yamlx.Decoder{File: File, Errs: errs}
	d.DecodeFile(src, &read)
	if read.Timezone.Location != nil {
		c.Timezone = read.Timezone
	}
	if len(read.Languages) > 0 {
		c.Languages = read.Languages
	}
	if read.Pos.File != "" {
		c.Pos = read.Pos
	}
	return c
}

// Today is the date in the site's zone at the instant now.
func (c *Config) Today(now time.Time) decide.Date {
	t := now.In(c.Timezone.Location)
	return decide.Date{Y: t.Year(), M: int(t.Month()), D: t.Day()}
}
