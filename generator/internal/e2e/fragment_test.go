package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/tebiki/tebiki/wasm/decide"
)

// hostileFragments are links a resident may be given: cut short inside an
// escape, edited by hand, doubled, enormous, not UTF-8, or crafted to run
// script. Each names the answers the checker must keep from it.
var hostileFragments = []struct {
	name, hash string
	keep       decide.Answers
}{
	{"truncated escape", "#check=validity:open,who:pro%", decide.Answers{"validity": "open"}},
	{"truncated escape, one digit", "#check=validity:open,who:self%2", decide.Answers{"validity": "open"}},
	{"lone percent", "#check=%", decide.Answers{}},
	{"bad escape", "#check=validity:%ZZ,who:self", decide.Answers{}},
	{"unknown answer", "#check=validity:open,who:cat", decide.Answers{"validity": "open"}},
	{"unknown question", "#check=colour:blue,validity:expired", decide.Answers{"validity": "expired"}},
	{"repeated key", "#check=validity:open,validity:expired,who:self", decide.Answers{"validity": "open", "who": "self"}},
	{"huge", "#check=validity:open," + strings.Repeat("who:cat,", 20000), decide.Answers{"validity": "open"}},
	{"not UTF-8", "#check=%FF%FE%FD,validity:open", decide.Answers{"validity": "open"}},
	{"cut UTF-8", "#check=validity:open,who:%E3%81", decide.Answers{"validity": "open"}},
	{"script", `#check=<script>window.__pwned=1</script>`, decide.Answers{}},
	{"markup", `#check=validity:open,who:"><img src=x onerror="window.__pwned=1">`, decide.Answers{"validity": "open"}},
	{"no pairs", "#check=validity,,:,::", decide.Answers{}},
}

// A checker link whose fragment is partly unreadable opens the checker all
// the same: the answers that name a question and one of its answers are
// kept, the resident is told in the page's language that the link was
// partly unreadable, the checker carries on from the first open question,
// the address is rewritten to what was kept, nothing in the fragment runs,
// and no exception or console error occurs. A valid link followed next in
// the same page is read whole, and the notice goes.
func TestCheckerHostileFragments(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sakuragawa", "renewal")
	valid := pathWith(t, p, map[string]string{"validity": "expired", "who": "self"})
	for i, c := range hostileFragments {
		lang := langs[i%2]
		t.Run(lang+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			r, err := p.p.Core.Decide(c.keep)
			if err != nil {
				t.Fatal(err)
			}
			tb := openTab(t, f.base+p.guidePath(lang)+c.hash)
			tb.waitCore()
			type state struct {
				Notice  string
				Shown   bool
				Last    string
				Outcome bool
				Hash    string
				Pwned   bool
			}
			read := func() state {
				return eval[state](tb, `(() => {
					const n = document.querySelector(".checker-notice");
					const fs = document.querySelectorAll("[data-checker] fieldset[data-q]");
					return {notice: n ? n.textContent : "", shown: !!n && !n.hidden && n.getBoundingClientRect().height > 0,
						last: fs.length ? fs[fs.length-1].dataset.q : "", outcome: !!document.querySelector(".checker-outcome"),
						hash: location.hash, pwned: window.__pwned !== undefined};
				})()`)
			}
			st := read()
			if want := tb.ui("checker.bad_link"); st.Notice != want || !st.Shown {
				t.Errorf("notice %q (shown %v), want %q shown", st.Notice, st.Shown, want)
			}
			if r.Next != nil && (st.Last != r.Next.ID || st.Outcome) {
				t.Errorf("the checker asks %q (outcome %v), want the first open question %q", st.Last, st.Outcome, r.Next.ID)
			}
			if want := "#" + decide.FragmentOf(r.Asked); st.Hash != want {
				t.Errorf("address fragment %q, want it rewritten to %q", abbrev(st.Hash), want)
			}
			if st.Pwned {
				t.Errorf("script from the fragment ran")
			}
			// A valid link next, in the same page.
			tb.run(`location.hash = ` + jsString(hashOf(valid)))
			tb.waitFor(`document.querySelector(".checker-outcome")`, 10*time.Second, "the outcome of a valid link after "+c.name)
			if st := read(); st.Shown {
				t.Errorf("after a valid link, the notice still says %q", st.Notice)
			}
			tb.assertClean()
		})
	}
}

// A valid link raises no notice.
func TestCheckerValidFragmentNoNotice(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sakuragawa", "renewal")
	valid := pathWith(t, p, map[string]string{"validity": "open", "who": "proxy", "form": "yes"})
	tb := openTab(t, f.base+p.guidePath("ja")+hashOf(valid))
	tb.waitFor(`document.querySelector(".checker-outcome")`, 20*time.Second, "the outcome of a valid link")
	if eval[bool](tb, `!document.querySelector(".checker-notice").hidden`) {
		t.Errorf("a valid link shows the unreadable-link notice")
	}
	tb.assertClean()
}
