package e2e

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tebiki/tebiki/generator/internal/browser"
	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// The tests share one build of the sample site, one loopback server and one
// Chromium session. TestMain stops and removes them.
var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error

	sessOnce sync.Once
	sess     *browser.Session
	sessErr  error
)

// fixture is the sample site, built once per test binary.
type fixture struct {
	root  string // the repository (the folder of go.mod)
	tmp   string // removed by TestMain
	dir   string // the built site
	base  string // http://127.0.0.1:PORT/ serving dir
	stop  func()
	rules *rules.Rules // the sample rules, loaded natively
	date  decide.Date  // the day the site is built for
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sess != nil {
		sess.Close()
	}
	if fix != nil {
		if fix.stop != nil {
			fix.stop()
		}
		if fix.tmp != "" {
			os.RemoveAll(fix.tmp)
		}
	}
	os.Exit(code)
}

// repoRoot walks up from the working directory to the folder of go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// sample returns the built and served sample site. It skips (or fails) the
// test when there is no browser, since every test here needs one.
func sample(t *testing.T) *fixture {
	t.Helper()
	browser.Require(t)
	fixOnce.Do(func() {
		fix = &fixture{}
		fixErr = fix.build()
	})
	if fixErr != nil {
		t.Fatalf("building the sample site: %v", fixErr)
	}
	return fix
}

// build builds and serves the sample site; TestMain removes what it made.
func (f *fixture) build() error {
	var err error
	if f.root, err = repoRoot(); err != nil {
		return err
	}
	// The site and the native rules are both as in force on one day.
	f.date = site.Today(os.DirFS(f.root), nil)
	langs = config.Codes(config.LanguagesOf(os.DirFS(f.root)))
	errs := &diag.List{}
	f.rules = site.LoadRules(os.DirFS(f.root), "default", f.date, errs)
	if err := errs.Err(); err != nil {
		return fmt.Errorf("loading the rules: %w", err)
	}
	if f.tmp, err = os.MkdirTemp("", "tebiki-e2e-"); err != nil {
		return err
	}
	f.dir = filepath.Join(f.tmp, "public")
	res, err := site.Build(site.Options{Src: os.DirFS(f.root), Out: f.dir, Checker: f.root, Date: f.date.String()})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "e2e: %s\n", res)
	f.base, f.stop, err = browser.Serve(f.dir)
	return err
}

// session returns the shared Chromium session.
func session(t *testing.T) *browser.Session {
	t.Helper()
	browser.Require(t)
	sessOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		sess, sessErr = browser.NewSession(ctx)
	})
	if sessErr != nil {
		t.Fatalf("starting Chromium: %v", sessErr)
	}
	return sess
}

// fileURL returns the file:// URL of the page at path p of the built site.
func (f *fixture) fileURL(p string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(f.dir, filepath.FromSlash(p)))}).String()
}

// read returns the built file at path p.
func (f *fixture) read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// exists reports whether the built site has a file at path p.
func (f *fixture) exists(p string) bool {
	_, err := fs.Stat(os.DirFS(f.dir), p)
	return err == nil
}

// langs are the site's languages.
// langs are the codes of the sample site's languages (tebiki.yaml), set
// when the site is built.
var langs []string

// proc is one procedure of one city, as its pages' paths name it.
type proc struct {
	city, id string
	p        *rules.Procedure
}

// procs lists every procedure of every city of the sample rules.
func (f *fixture) procs() []proc {
	var out []proc
	for _, c := range f.rules.Cities {
		for _, p := range c.Procedures {
			out = append(out, proc{c.ID, p.ID, p})
		}
	}
	return out
}

// guidePath is the path of the procedure's guide page in lang.
func (p proc) guidePath(lang string) string { return lang + "/" + p.city + "/" + p.id + "/index.html" }

// flowPath is the path of the static flow page after the answers ids.
func (p proc) flowPath(lang string, ids []string) string {
	s := lang + "/" + p.city + "/" + p.id + "/check/"
	if len(ids) == 0 {
		return s + "index.html"
	}
	return s + strings.Join(ids, ".") + ".html"
}

// findProc returns the procedure of the sample rules.
func findProc(t *testing.T, f *fixture, city, id string) proc {
	t.Helper()
	for _, p := range f.procs() {
		if p.city == city && p.id == id {
			return p
		}
	}
	t.Fatalf("no procedure %s/%s in the sample rules", city, id)
	return proc{}
}

// pathWith returns the procedure's path with exactly these answers.
func pathWith(t *testing.T, p proc, answers map[string]string) decide.Path {
	t.Helper()
	for _, path := range p.p.Core.Paths() {
		if maps.Equal(map[string]string(path.Answers), answers) {
			if len(path.Outcomes) != 1 {
				t.Fatalf("%s/%s: path %v has %d outcomes", p.city, p.id, answers, len(path.Outcomes))
			}
			return path
		}
	}
	t.Fatalf("%s/%s has no path %v", p.city, p.id, answers)
	return decide.Path{}
}
