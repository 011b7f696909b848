package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tebiki/tebiki/wasm/decide"
)

// The expiry question's date helper works the answer out with the
// WebAssembly core from each kind of date a resident may know: an expiry
// date four months away gives "too early" and the "not yet" outcome, which
// says from when renewal opens; an issue date and birthday from long ago
// give "expired"; the last day of a period of stay being today gives "open"
// (the expiry day itself is still open). Each time the helper states the
// expiry and opening dates the native core computes, the chosen answer is
// checked, and focus moves on. Calculating with no date asks for the dates.
func TestDateHelper(t *testing.T) {
	f := sample(t)
	p := findProc(t, f, "sakuragawa", "renewal")
	q := p.p.Core.ExpiryQuestion()
	if q == nil {
		t.Fatal("sakuragawa/renewal has no expiry question")
	}
	months := p.p.Core.WindowMonths
	today := f.date // today in the site's time zone, as the helper decides it
	helper := qsel(q.ID) + " details.expiry-helper"

	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, f.base+p.guidePath(lang))
			tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
			tb.waitCore()
			format := func(key string, args ...any) string {
				return fmt.Sprintf(strings.ReplaceAll(tb.ui(key), "%d", "%s"), args...)
			}
			calculate := func(method string, dates map[string]decide.Date) {
				t.Helper()
				if !eval[bool](tb, `document.querySelector(`+jsString(helper)+`).open`) {
					tb.click(helper + " summary")
				}
				tb.click(`label[for="dm-` + q.ID + `-` + method + `"]`)
				for k, d := range dates {
					tb.run(`document.querySelector("#date-` + q.ID + `-` + k + `").value = "` + d.String() + `"`)
				}
				tb.click(helper + " button")
			}
			type state struct {
				Result, Checked, Focus, Status, Outcome, Callouts string
			}
			read := func() state {
				return eval[state](tb, `(() => {
					const c = document.querySelector(`+jsString(qsel(q.ID)+` input[name="`+q.ID+`"]:checked`)+`);
					const o = document.querySelector("#checker-out-h");
					return {result: document.querySelector(`+jsString(helper+" .date-result")+`).textContent,
						checked: c ? c.value : "", focus: document.activeElement.tagName.toLowerCase() + "#" + document.activeElement.id,
						status: document.querySelector(".checker-status").textContent, outcome: o ? o.textContent : "",
						callouts: [...document.querySelectorAll(".checker-outcome .callout")].map((e) => e.textContent).join("\n")};
				})()`)
			}

			// No date: the helper asks for one, and nothing is answered.
			calculate("printed", nil)
			if st := read(); st.Result != tb.ui("checker.date_error") || st.Checked != "" {
				t.Errorf("calculating with no date: %+v; want %q and no answer", st, tb.ui("checker.date_error"))
			}

			cases := []struct {
				method string
				dates  map[string]decide.Date
				in     decide.ExpiryInput
			}{
				{"printed", map[string]decide.Date{"printed": today.AddMonths(months + 1)}, decide.ExpiryInput{Printed: today.AddMonths(months + 1)}},
				{"birthday", map[string]decide.Date{"issued": {Y: 2015, M: 1, D: 10}, "birthday": {Y: 1980, M: 5, D: 5}}, decide.ExpiryInput{Issued: decide.Date{Y: 2015, M: 1, D: 10}, Birthday: decide.Date{Y: 1980, M: 5, D: 5}}},
				{"stay", map[string]decide.Date{"stay_until": today}, decide.ExpiryInput{StayUntil: today}},
			}
			seen := map[string]bool{}
			for _, c := range cases {
				exp, ok := c.in.Expiry()
				if !ok {
					t.Fatalf("%s: no expiry", c.method)
				}
				opens := decide.RenewalOpens(exp, months)
				status := decide.ExpiryStatus(exp, today, months)
				seen[status] = true
				calculate(c.method, c.dates)
				if status == decide.TooEarly {
					tb.waitFor(`document.activeElement && document.activeElement.id === "checker-out-h"`, 10*time.Second, "focus on the not-yet outcome")
				} else {
					tb.waitFor(`document.activeElement && document.activeElement.tagName === "LEGEND" && document.activeElement.closest("fieldset[data-q]") !== document.querySelector(`+jsString(qsel(q.ID))+`)`,
						10*time.Second, "focus on the next question")
				}
				st := read()
				what := fmt.Sprintf("%s %v", c.method, c.dates)
				if want := format("checker.date_result", dateIn(f, lang, exp), dateIn(f, lang, opens)); st.Result != want {
					t.Errorf("%s: the helper says %q, want %q", what, st.Result, want)
				}
				if st.Checked != status {
					t.Errorf("%s: answer %q is checked, want %q", what, st.Checked, status)
				}
				if status == decide.TooEarly {
					if want := format("checker.from", dateIn(f, lang, opens)); !strings.Contains(st.Callouts, want) {
						t.Errorf("%s: the outcome %q does not say %q (it says %q)", what, st.Outcome, want, st.Callouts)
					}
				} else if st.Outcome != "" {
					t.Errorf("%s: an outcome is shown (%q) before the next question is answered", what, st.Outcome)
				}
			}
			for _, s := range []string{decide.TooEarly, decide.Open, decide.Expired} {
				if !seen[s] {
					t.Errorf("no case gave %s", s)
				}
			}
			tb.assertClean()
		})
	}
}

// dateIn writes d as the site writes dates in lang (the theme's words).
func dateIn(f *fixture, lang string, d decide.Date) string {
	return f.rules.Words.Of(lang).Date(d.Y, d.M, d.D, true)
}
