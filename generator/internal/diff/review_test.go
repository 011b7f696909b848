package diff_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diff"
	"github.com/tebiki/tebiki/wasm/decide"
)

func TestPageText(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><title>A &amp; B</title><style>p{color:red}</style>
<script type="application/json">{"rules":"not read"}</script></head>
<body><nav aria-label="You are here"><a href="../">Home</a></nav>
<main><h1>Title</h1><p>One
  paragraph, <em>with</em> <a href="x">a link</a>.</p>
<img src="a.png" alt="A map"><ul><li>first</li><li>second<br>line</li></ul>
<table><tr><th>Certificate</th><th>PIN</th></tr><tr><td>Signature</td><td>6 to 16</td></tr></table>
<template><p>not shown</p></template></main></body></html>`
	got := diff.PageText([]byte(page))
	want := []string{"A & B", "[You are here] Home", "Title", "One paragraph, with a link.", "[A map]", "first", "second", "line",
		"Certificate | PIN", "Signature | 6 to 16"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PageText:\n got %q\nwant %q", got, want)
	}
}

func side(label string, pages map[string]string) *diff.Side {
	s := &diff.Side{Label: label, Pages: map[string][]byte{}}
	for p, body := range pages {
		s.Pages[p] = []byte("<title>" + p + "</title><main>" + body + "</main>")
	}
	return s
}

// The same change on several pages is one difference naming them all; an
// edit next to it on one page stays apart.
func TestGrouping(t *testing.T) {
	a := side("old", map[string]string{
		"en/a/index.html":    "<p>Intro</p><p>Body A</p>",
		"en/b/index.html":    "<p>Intro</p><p>Old sentence</p>",
		"ja/a/index.html":    "<p>序</p>",
		"en/gone/index.html": "<p>x</p>",
	})
	b := side("new", map[string]string{
		"en/a/index.html":   "<p>Intro</p><p>Box</p><p>Body A</p>",
		"en/b/index.html":   "<p>Intro</p><p>Box</p><p>New sentence</p>",
		"ja/a/index.html":   "<p>序</p>",
		"en/new/index.html": "<p>y</p>",
	})
	r := diff.CompareSites(a, b)
	if len(r.Added) != 1 || r.Added[0].Path != "en/new/index.html" || len(r.Removed) != 1 || r.Removed[0].Path != "en/gone/index.html" {
		t.Errorf("added %v, removed %v", r.Added, r.Removed)
	}
	if len(r.Prose) != 2 {
		t.Fatalf("%d changes, want 2: %+v", len(r.Prose), r.Prose)
	}
	box, edit := r.Prose[0], r.Prose[1]
	if len(box.Pages) != 2 || !reflect.DeepEqual(box.Added, []string{"Box"}) || box.Removed != nil {
		t.Errorf("the box: %+v", box)
	}
	if len(edit.Pages) != 1 || edit.Pages[0].Path != "en/b/index.html" ||
		!reflect.DeepEqual(edit.Removed, []string{"Old sentence"}) || !reflect.DeepEqual(edit.Added, []string{"New sentence"}) {
		t.Errorf("the edit: %+v", edit)
	}
	if r.Rules != nil || r.Announced != nil || r.Empty() {
		t.Errorf("pages only: rules %v, announced %v, empty %v", r.Rules, r.Announced, r.Empty())
	}
	if !diff.CompareSites(a, a).Empty() {
		t.Error("a site compared with itself is not empty")
	}
}

// Between the day before and the day of a scheduled change: the hours in
// the rules, on the procedures' pages; the announcement gone.
func TestReviewAcrossTheChange(t *testing.T) {
	m := scheduleNewHours(t)
	a, err := diff.BuildSide("2027-03-31", m, "default", decide.Date{Y: 2027, M: 3, D: 31})
	if err != nil {
		t.Fatal(err)
	}
	b, err := diff.BuildSide("2027-04-01", m, "default", decide.Date{Y: 2027, M: 4, D: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := diff.CompareSites(a, b)
	if r.Rules == nil || len(r.Rules.Procs) != 2 {
		t.Fatalf("rules: %+v", r.Rules)
	}
	for _, p := range r.Rules.Procs {
		guide := false
		for _, pg := range p.Pages {
			guide = guide || pg.Path == "en/sanda/"+p.ID+"/index.html"
			ours := false
			for _, lang := range config.Codes(config.LanguagesOf(m)) { // every edition of the procedure's pages
				ours = ours || strings.HasPrefix(pg.Path, lang+"/sanda/"+p.ID+"/")
			}
			if !ours {
				t.Errorf("%s: page %s is not the procedure's", p.ID, pg.Path)
			}
		}
		if !guide {
			t.Errorf("%s: pages %v lack the English guide", p.ID, p.Pages)
		}
	}
	gone := 0
	for _, an := range r.Announced {
		if an.Op != "-" || an.Date != (decide.Date{Y: 2027, M: 4, D: 1}) || len(an.Pages) == 0 {
			t.Errorf("announcement %+v", an)
		}
		gone++
	}
	if gone != 2 {
		t.Errorf("%d announcements gone, want the start and the end of the hours", gone)
	}
	var j bytes.Buffer
	if err := r.JSON(&j); err != nil {
		t.Fatal(err)
	}
	var back diff.JSONReview
	if err := json.Unmarshal(j.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !back.Changed || len(back.Rules) != 2 || back.Rules[0].Where[1].Text.In("ja") == "" || len(back.Announced) != 2 {
		t.Errorf("JSON read back: %+v", back)
	}
}
