package site

import (
	"testing"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// flowHref gives what Rel of FlowPath gives, from the steps' own folder and
// from elsewhere, and from the steps' folder with one allocation at most.
func TestFlowHrefIsRelOfFlowPath(t *testing.T) {
	city := &rules.City{ID: "sanda"}
	p := &rules.Procedure{ID: "moving-in", City: city}
	other := &rules.Procedure{ID: "moving-out", City: city}
	lang := &config.Language{Code: "en", Path: "en"}
	for _, from := range []string{
		"en/sanda/moving-in/check/index.html",
		"en/sanda/moving-in/check/a.b.html",
		"en/sanda/moving-in/index.html",
		"en/sanda/moving-out/check/index.html",
		"en/sanda/moving-in/check/sub/x.html",
		"ja/sanda/moving-in/check/index.html",
		"en/sanda/moving-in/checkx/index.html",
		"index.html",
	} {
		v := &View{Path: from, Language: lang}
		for _, proc := range []*rules.Procedure{p, other} {
			for _, segs := range [][]string{nil, {"a"}, {"a", "b"}, {"yes", "no", "unknown"}} {
				if got, want := v.flowHref(proc, segs), Rel(from, FlowPath("en", proc, segs)); got != want {
					t.Errorf("from %s to %s %q: %q, want %q", from, proc.ID, segs, got, want)
				}
			}
		}
	}
	v := &View{Path: "en/sanda/moving-in/check/a.html", Language: lang}
	segs := []string{"a", "b"}
	if allocs := testing.AllocsPerRun(20, func() { hrefSink = v.flowHref(p, segs) }); allocs > 1 {
		t.Errorf("a link between two steps took %v allocations, want 1", allocs)
	}
}

var hrefSink string // a link kept, as a page keeps it

// Home is made once a page.
func TestHomeMadeOnce(t *testing.T) {
	v := &View{Path: "en/sanda/moving-in/index.html", Language: &config.Language{Code: "en", Path: "en"}}
	if got, want := v.Home(), "../../index.html"; got != want {
		t.Fatalf("Home = %q, want %q", got, want)
	}
	if allocs := testing.AllocsPerRun(20, func() { hrefSink = v.Home() }); allocs > 0 {
		t.Errorf("Home allocated %v times once made", allocs)
	}
}

// AnswerHref gives what Rel of FlowPath gives for the step's answers and
// the answer, without a slice made for them.
func TestAnswerHrefIsRelOfFlowPath(t *testing.T) {
	city := &rules.City{ID: "sanda"}
	p := &rules.Procedure{ID: "moving-in", City: city}
	lang := &config.Language{Code: "en", Path: "en"}
	for _, from := range []string{"en/sanda/moving-in/check/index.html", "en/sanda/moving-in/index.html", "ja/sanda/moving-in/check/a.html"} {
		for _, segs := range [][]string{nil, {"a"}, {"a", "b"}} {
			for _, ans := range []string{"yes", ""} {
				v := &View{Path: from, Language: lang, Proc: p, Node: &FlowNode{Segs: segs}}
				want := Rel(from, FlowPath("en", p, append(segs[:len(segs):len(segs)], ans)))
				if got := v.AnswerHref(&decide.Answer{ID: ans}); got != want {
					t.Errorf("from %s after %q answering %q: %q, want %q", from, segs, ans, got, want)
				}
			}
		}
	}
	v := &View{Path: "en/sanda/moving-in/check/a.html", Language: lang, Proc: p, Node: &FlowNode{Segs: []string{"a"}}}
	ans := &decide.Answer{ID: "yes"}
	if allocs := testing.AllocsPerRun(20, func() { hrefSink = v.AnswerHref(ans) }); allocs > 1 {
		t.Errorf("a link to the next step took %v allocations, want 1", allocs)
	}
}
