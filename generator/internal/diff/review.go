package diff

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// A review compares two versions of the whole site as residents meet it:
// both are built in memory (or one is read from a published folder), and
// the report lists pages added and removed, scheduled changes announced or
// no longer announced, the outcome of every combination of answers, the
// theme's UI strings, and every paragraph of every page that changed, each
// with the pages it affects.

// Side is one version of the site.
type Side struct {
	Label string
	Date  decide.Date // the day it was built for; zero when not known
	// Pages are the HTML pages residents see, by path (the staff pages are
	// left out).
	Pages map[string][]byte
	// Site is the loaded site, or nil for a published folder (which holds
	// pages only).
	Site *site.Site
}

// BuildSide builds the site in fsys (rules/, content/, themes/, tebiki.yaml)
// for date, in memory, without the interactive checker (it adds no text).
func BuildSide(label string, fsys fs.FS, theme string, date decide.Date) (*Side, error) {
	s, files, err := site.Snapshot(site.Options{Src: fsys, Theme: theme, Date: date.String()})
	if err != nil {
		return nil, err
	}
	sd := &Side{Label: label, Date: date, Site: s, Pages: map[string][]byte{}}
	for p, b := range files {
		if residentPage(p) {
			sd.Pages[p] = b
		}
	}
	return sd, nil
}

// residentPage reports whether the file at p is a page residents see.
func residentPage(p string) bool {
	return strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, "/staff/index.html")
}

// ErrNotASite is returned for a folder that holds no Tebiki pages.
var ErrNotASite = errors.New("not a site built by Tebiki")

// PublishedSide reads a site folder as published: its pages, and the build
// record (site.ManifestName) for the day it was built for.
func PublishedSide(dir string) (*Side, error) {
	sd := &Side{Label: dir, Pages: map[string][]byte{}}
	rec, err := os.ReadFile(filepath.Join(dir, site.ManifestName))
	switch {
	case err == nil:
		var m struct {
			Date string `json:"date"`
		}
		if err := json.Unmarshal(rec, &m); err != nil {
			return nil, fmt.Errorf("%s: %v", filepath.Join(dir, site.ManifestName), err)
		}
		sd.Date, _ = decide.ParseDate(m.Date)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	err = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !residentPage(p) {
			return nil
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		sd.Pages[p] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	if sd.Date.IsZero() && sd.Pages["index.html"] == nil {
		return nil, fmt.Errorf("%s: %w (no %s and no index.html)", dir, ErrNotASite, site.ManifestName)
	}
	if !sd.Date.IsZero() {
		sd.Label += " (" + sd.Date.String() + ")"
	}
	return sd, nil
}

// PageRef names a page: its path in the site and its title.
type PageRef struct {
	Path  string `json:"path"`
	Title string `json:"title"`
}

// TextChange is one change of text, the same on every page listed.
type TextChange struct {
	Lang  string    `json:"lang"`
	Pages []PageRef `json:"pages"`
	Hunk
}

// Announcement is a scheduled change that the new version announces and
// the old did not ("+"), or the reverse ("-").
type Announcement struct {
	Op string `json:"op"`
	site.Upcoming
	Pages []PageRef `json:"pages"`
}

// UIChange is a UI string of the theme added ("+"), removed ("-") or
// changed ("~").
type UIChange struct {
	Op    string    `json:"op"`
	Lang  string    `json:"lang"`
	Key   string    `json:"key"`
	Old   string    `json:"old,omitempty"`
	New   string    `json:"new,omitempty"`
	Pages []PageRef `json:"pages"`
}

// Review is the comparison of two versions of the site.
type Review struct {
	From, To string
	Added    []PageRef // pages only in the new version
	Removed  []PageRef // pages only in the old version
	// Announced is nil when a side is a published folder: its changes show
	// in the pages' text.
	Announced []Announcement
	// Rules is nil when a side is a published folder: its outcomes show in
	// the text of the question and outcome pages.
	Rules *Report
	UI    []UIChange
	Prose []TextChange
	// Languages are the site's languages, in order (the new side's
	// tebiki.yaml, else the old side's, else the defaults).
	Languages []config.Language
}

// Empty reports whether residents would see no difference.
func (r *Review) Empty() bool {
	return len(r.Added) == 0 && len(r.Removed) == 0 && len(r.Announced) == 0 &&
		(r.Rules == nil || r.Rules.Empty()) && len(r.UI) == 0 && len(r.Prose) == 0
}

// pageDiff is the text differences of one page.
type pageDiff struct {
	ref   PageRef
	lang  string
	hunks []Hunk
}

// CompareSites compares the old side a with the new side b.
func CompareSites(a, b *Side) *Review {
	r := &Review{From: a.Label, To: b.Label, Languages: config.DefaultLanguages()}
	for _, sd := range []*Side{a, b} {
		if sd.Site != nil {
			r.Languages = sd.Site.Config.Languages
		}
	}
	langOf := func(p string) string { return langOf(r.Languages, p) }
	title := func(page []byte) string {
		if t := PageText(page); len(t) > 0 {
			return t[0]
		}
		return ""
	}
	var diffs []pageDiff
	for _, p := range sortedKeys(b.Pages) {
		old, ok := a.Pages[p]
		if !ok {
			r.Added = append(r.Added, PageRef{p, title(b.Pages[p])})
			continue
		}
		if string(old) == string(b.Pages[p]) {
			continue
		}
		ta, tb := PageText(old), PageText(b.Pages[p])
		if h := diffLines(ta, tb); len(h) > 0 {
			ref := PageRef{p, ""}
			if len(tb) > 0 {
				ref.Title = tb[0]
			}
			diffs = append(diffs, pageDiff{ref, langOf(p), h})
		}
	}
	for _, p := range sortedKeys(a.Pages) {
		if _, ok := b.Pages[p]; !ok {
			r.Removed = append(r.Removed, PageRef{p, title(a.Pages[p])})
		}
	}
	r.Prose = groupText(diffs, config.Codes(r.Languages))
	if a.Site != nil && b.Site != nil {
		r.Rules = Compare(a.Label, b.Label, a.Site.Rules, b.Site.Rules)
		for i := range r.Rules.Procs {
			pr := &r.Rules.Procs[i]
			pr.Pages = procPages(pr.City, pr.ID, diffs, a, b)
		}
		r.Announced = compareAnnounced(a.Site.Upcoming(), b.Site.Upcoming(), diffs)
		r.UI = compareUI(a.Site, b.Site, diffs, r.Languages)
	}
	return r
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// langOf returns the language of the page at p by its folder ("ja/…",
// "en/…"); the root page is in the first language.
func langOf(langs []config.Language, p string) string {
	for _, l := range langs {
		if strings.HasPrefix(p, l.Path+"/") {
			return l.Code
		}
	}
	return langs[0].Code
}

// groupText merges the same change on several pages (a UI string, a city's
// hours shown on every page of the city) into one, listing the pages.
func groupText(diffs []pageDiff, langs []string) []TextChange {
	var out []TextChange
	index := map[string]int{}
	for _, d := range diffs {
		for _, h := range d.hunks {
			k := d.lang + "\x00" + strings.Join(h.Removed, "\x01") + "\x00" + strings.Join(h.Added, "\x01")
			if i, ok := index[k]; ok {
				out[i].Pages = append(out[i].Pages, d.ref)
				if out[i].After != h.After {
					out[i].After = "" // the places differ: no single line to show
				}
				continue
			}
			index[k] = len(out)
			out = append(out, TextChange{Lang: d.lang, Pages: []PageRef{d.ref}, Hunk: h})
		}
	}
	out = splitShared(out)
	for _, c := range out {
		sort.Slice(c.Pages, func(i, j int) bool { return c.Pages[i].Path < c.Pages[j].Path })
	}
	// Each page's changes in order, the languages of a page side by side.
	key := func(c TextChange) string {
		return strings.TrimPrefix(c.Pages[0].Path, c.Lang+"/")
	}
	langIdx := func(l string) int {
		if i := slices.Index(langs, l); i >= 0 {
			return i
		}
		return len(langs)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ki, kj := key(out[i]), key(out[j])
		if ki != kj {
			return ki < kj
		}
		return langIdx(out[i].Lang) < langIdx(out[j].Lang)
	})
	return out
}

// splitShared takes out of a change on one page the lines that other pages
// gained (or lost) all alike, such as an announcement box that happens to
// stand next to an edited paragraph: the box joins the other pages' change,
// and the paragraph stays on its own. (Shared changes are pure insertions
// or removals; the change they are cut from must be larger.)
func splitShared(changes []TextChange) []TextChange {
	var shared []int // pure insertions or removals on several pages
	for i, c := range changes {
		if (len(c.Removed) == 0) != (len(c.Added) == 0) {
			shared = append(shared, i)
		}
	}
	for j := range changes {
		c := &changes[j]
		if len(c.Pages) != 1 {
			continue
		}
		for _, i := range shared {
			sh := &changes[i]
			if i == j || sh.Lang != c.Lang || len(c.Added)+len(c.Removed) <= len(sh.Added)+len(sh.Removed) {
				continue
			}
			if len(sh.Removed) == 0 {
				if rest, ok := cutRun(c.Added, sh.Added); ok {
					c.Added = rest
					sh.Pages = append(sh.Pages, c.Pages[0])
				}
			} else if rest, ok := cutRun(c.Removed, sh.Removed); ok {
				c.Removed = rest
				sh.Pages = append(sh.Pages, c.Pages[0])
			}
		}
	}
	var out []TextChange
	for _, c := range changes {
		if len(c.Added) > 0 || len(c.Removed) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// cutRun removes the first occurrence of run, as consecutive lines, from
// lines.
func cutRun(lines, run []string) ([]string, bool) {
	for i := 0; i+len(run) <= len(lines); i++ {
		if slices.Equal(lines[i:i+len(run)], run) {
			return append(append([]string(nil), lines[:i]...), lines[i+len(run):]...), true
		}
	}
	return lines, false
}

// pagesShowing returns the pages whose changed lines (added when op is
// "+", removed when "-", either when "~") contain the text of each language.
func pagesShowing(diffs []pageDiff, op string, text func(lang string) string) []PageRef {
	var out []PageRef
	for _, d := range diffs {
		needle := text(d.lang)
		if len(needle) < 2 {
			continue
		}
	hunks:
		for _, h := range d.hunks {
			var lines []string
			if op != "-" {
				lines = append(lines, h.Added...)
			}
			if op != "+" {
				lines = append(lines, h.Removed...)
			}
			for _, l := range lines {
				if strings.Contains(l, needle) {
					out = append(out, d.ref)
					break hunks
				}
			}
		}
	}
	return out
}

// procPages returns the pages of a procedure whose text changed, or its
// guide pages when none did.
func procPages(city, proc string, diffs []pageDiff, a, b *Side) []PageRef {
	var out []PageRef
	for _, d := range diffs {
		if strings.HasPrefix(strings.TrimPrefix(d.ref.Path, d.lang+"/"), city+"/"+proc+"/") {
			out = append(out, d.ref)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, l := range b.Site.Config.Languages {
		p := site.PagePath(l.Path, city+"/"+proc)
		if _, ok := b.Pages[p]; ok {
			out = append(out, PageRef{Path: p})
		} else if _, ok := a.Pages[p]; ok {
			out = append(out, PageRef{Path: p})
		}
	}
	return out
}

func compareAnnounced(a, b []site.Upcoming, diffs []pageDiff) []Announcement {
	key := func(u site.Upcoming) string {
		b, _ := json.Marshal(u)
		return string(b)
	}
	in := func(list []site.Upcoming) map[string]bool {
		m := map[string]bool{}
		for _, u := range list {
			m[key(u)] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	var out []Announcement
	add := func(op string, u site.Upcoming) {
		pages := pagesShowing(diffs, op, func(lang string) string { return u.Item.In(lang) })
		out = append(out, Announcement{Op: op, Upcoming: u, Pages: pages})
	}
	for _, u := range a {
		if !inb[key(u)] {
			add("-", u)
		}
	}
	for _, u := range b {
		if !ina[key(u)] {
			add("+", u)
		}
	}
	return out
}

// verb matches a format verb of a UI string ("From %s, this changes:").
var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// literal returns the longest piece of a UI string without format verbs,
// as it appears on the pages.
func literal(s string) string {
	best := ""
	for _, p := range verb.Split(s, -1) {
		if p = strings.TrimSpace(p); len(p) > len(best) {
			best = p
		}
	}
	return best
}

func compareUI(a, b *site.Site, diffs []pageDiff, langs []config.Language) []UIChange {
	var out []UIChange
	for _, lang := range config.Codes(langs) {
		sa, sb := a.Theme.Strings(lang), b.Theme.Strings(lang)
		keys := map[string]bool{}
		for k := range sa {
			keys[k] = true
		}
		for k := range sb {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			o, inA := sa[k]
			n, inB := sb[k]
			c := UIChange{Lang: lang, Key: k, Old: o, New: n}
			switch {
			case inA && inB && o == n:
				continue
			case !inA:
				c.Op = "+"
			case !inB:
				c.Op = "-"
			default:
				c.Op = "~"
			}
			text := n
			if c.Op == "-" {
				text = o
			}
			only := func(string) string { return literal(text) }
			op := c.Op
			if op == "~" {
				op = "+"
			}
			for _, p := range pagesShowing(diffs, op, only) {
				if langOf(langs, p.Path) == lang {
					c.Pages = append(c.Pages, p)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// SitePath is the address of a page for people: its folder, without
// index.html.
func SitePath(p string) string {
	if p == "index.html" {
		return "/"
	}
	return strings.TrimSuffix(p, "index.html")
}
