package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusState is where the keyboard focus is, and what the checker shows.
type focusState struct {
	Tag     string `json:"tag"`
	ID      string `json:"id"`
	Text    string `json:"text"`
	Radio   string `json:"radio"`   // the question of the focused radio button
	Checked bool   `json:"checked"` // the focused radio button is checked
	Legend  string `json:"legend"`  // the question whose legend has focus
	Past    bool   `json:"past"`    // focus is after the checker
	Ready   bool   `json:"ready"`   // the checker shows a question
	Status  string `json:"status"`  // the checker's live region
	Hash    string `json:"hash"`
}

const focusJS = `(() => {
	const e = document.activeElement || document.body;
	const c = document.querySelector("[data-checker]");
	const fs = e.closest("fieldset[data-q]");
	return {
		tag: e.tagName.toLowerCase(), id: e.id, text: ` + plainJS + `(e).trim().slice(0, 60),
		radio: e.matches("input[type=radio]") && fs ? fs.dataset.q : "",
		checked: !!e.checked,
		legend: e.tagName === "LEGEND" && fs ? fs.dataset.q : "",
		past: !c.contains(e) && !!(c.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING),
		ready: !!document.querySelector("[data-checker] fieldset[data-q]"),
		status: document.querySelector(".checker-status") ? document.querySelector(".checker-status").textContent : "",
		hash: decodeURIComponent(location.hash),
	};
})()`

func (tb *tab) focus() focusState {
	tb.t.Helper()
	return eval[focusState](tb, focusJS)
}

// A resident using only the keyboard (Tab, arrow keys, Enter, Space; no
// mouse) answers Sakuragawa's renewal for a proxy with expired certificates.
// Tab reaches the first question's radio buttons; the arrow keys choose an
// answer and keep focus on it; Enter continues and moves focus to the next
// question's legend; Space on the Continue button does the same for the last
// question and moves focus to the result heading, which the live region
// announces. The checklist is the static outcome page's.
func TestKeyboardOnly(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sakuragawa", "renewal")
	path := pathWith(t, p, map[string]string{"validity": "expired", "who": "proxy"})
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, f.base+p.guidePath(lang))

			// Tab from the top of the page into the first question. If focus
			// passes the checker before its core has loaded, wait for it and
			// come back with Shift+Tab.
			st := tb.focus()
			for i := 0; st.Radio != "validity"; i++ {
				if i == 60 {
					t.Fatalf("60 Tabs did not reach the first question; focus on %+v", st)
				}
				if st.Past && !st.Ready {
					tb.waitChecker()
					for j := 0; j < 10 && st.Radio != "validity"; j++ {
						tb.key(kb.Tab, chromedp.ModifierShift)
						st = tb.focus()
					}
					continue
				}
				tb.key(kb.Tab)
				st = tb.focus()
			}

			// Choose with the arrow keys; focus stays on the radio buttons.
			chooseByArrows(tb, "validity", "expired")

			// Enter continues: focus moves to the next question's legend.
			tb.key(kb.Enter)
			// The first answer fetched the core: wait for the next question.
			tb.waitFor(`document.activeElement && document.activeElement.tagName === "LEGEND"`, 20*time.Second, "focus on the next question")
			st = tb.focus()
			if st.Legend != "who" {
				t.Fatalf("after Enter, focus is on %+v; want the legend of question who", st)
			}
			if q := path.Asked[1].Question.Text.In(lang); !strings.Contains(st.Status, q) {
				t.Errorf("after Enter, the live region says %q; want it to name the next question %q", st.Status, q)
			}

			// Tab into the answers of "who", choose with the arrow keys.
			tb.key(kb.Tab)
			if st = tb.focus(); st.Radio != "who" {
				t.Fatalf("Tab from the legend went to %+v; want the answers of who", st)
			}
			chooseByArrows(tb, "who", "proxy")

			// Tab to Continue and press Space: focus moves to the result.
			tb.key(kb.Tab)
			if st = tb.focus(); st.Tag != "button" || !strings.Contains(st.Text, tb.ui("checker.continue")) {
				t.Fatalf("Tab from the answers went to %+v; want the Continue button", st)
			}
			tb.key(" ")
			tb.waitFor(`document.activeElement && document.activeElement.id === "checker-out-h"`, 10*time.Second, "focus on the result heading")
			st = tb.focus()
			title := path.Outcomes[0].Title.In(lang)
			if st.Text != title {
				t.Errorf("focused result heading says %q, want %q", st.Text, title)
			}
			if !strings.Contains(st.Status, title) {
				t.Errorf("the live region says %q; want it to announce %q", st.Status, title)
			}
			if st.Hash != hashOf(path) {
				t.Errorf("URL fragment %q, want %q", st.Hash, hashOf(path))
			}
			compareChecklists(t, tb.url+hashOf(path), tb.checkerChecklist(), tb.staticChecklist(f, p.flowPath(lang, answerIDs(path))))
			tb.assertClean()
		})
	}
}

// chooseByArrows presses the down arrow until the answer of question q is
// focused and chosen, checking that focus stays on q's radio buttons.
func chooseByArrows(tb *tab, q, answer string) {
	tb.t.Helper()
	id := "q-" + q + "-" + answer
	for i := 0; ; i++ {
		st := tb.focus()
		if st.Radio != q {
			tb.t.Fatalf("after %d arrow key(s) in question %s, focus is on %+v; want it to stay on the question's radio buttons", i, q, st)
		}
		if st.ID == id && st.Checked {
			return
		}
		if i == 10 {
			tb.t.Fatalf("10 arrow keys did not reach %s", id)
		}
		tb.key(kb.ArrowDown)
	}
}
