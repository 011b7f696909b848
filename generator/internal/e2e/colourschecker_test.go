package e2e

import (
	"testing"
	"time"
)

// In the dark scheme and with forced colours, every state of the
// interactive checker (first question, the date helper open, a later
// question with its answers so far, an outcome with visits, warnings and
// the answers summary) has no axe-core violation, contrast included, and
// the scheme really applies to the checker's own controls.
func TestAccessibilityColourSchemesChecker(t *testing.T) {
	f := sample(t)
	axeSource(t, f)
	sak := findProc(t, f, "sakuragawa", "renewal")
	long := sak.p.Core.Paths()[0]
	for _, path := range sak.p.Core.Paths() {
		if len(path.Asked) > len(long.Asked) || (len(path.Asked) == len(long.Asked) && len(path.Outcomes[0].Warnings) > len(long.Outcomes[0].Warnings)) {
			long = path
		}
	}
	for _, sc := range schemes[1:] {
		for _, lang := range langs {
			t.Run(sc.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, "about:blank")
				tb.emulateMedia("", sc.features)
				tb.navigate(f.base + sak.guidePath(lang))
				tb.run(`document.querySelector("[data-checker]").scrollIntoView()`)
				tb.waitChecker()
				tb.checkA11y(f, sc.name+", checker: first question")
				tb.click(qsel(long.Asked[0].Question.ID) + " details.expiry-helper summary")
				tb.waitFor(`document.querySelector("details.expiry-helper").open`, 10*time.Second, "the date helper to open")
				tb.checkA11y(f, sc.name+", checker: date helper open")
				tb.answerPath(long)
				switch sc.name {
				case "dark":
					if !eval[bool](tb, `(() => { const [r, g, b] = getComputedStyle(document.querySelector(".checker-outcome")).color.match(/[\d.]+/g).map(Number); return r + g + b > 450; })()`) {
						t.Errorf("%s: the checker's result is not drawn in light text in the dark scheme", tb.url)
					}
				case "forced-colors":
					if !eval[bool](tb, `[...document.querySelectorAll(".checker .button")].every((b) => getComputedStyle(b).borderTopStyle !== "none" && parseFloat(getComputedStyle(b).borderTopWidth) >= 1)`) {
						t.Errorf("%s: with forced colours a checker button has no border to show its edge", tb.url)
					}
				}
				tb.checkA11y(f, sc.name+", checker: outcome "+hashOf(long))
				tb.click(".checker-outcome .checker-actions button.secondary") // start again
				tb.click(`label[for="q-` + long.Asked[0].Question.ID + `-` + long.Asked[0].Answer.ID + `"]`)
				tb.waitFor(`document.querySelector(`+jsString(qsel(long.Asked[1].Question.ID))+`)`, 10*time.Second, "the second question")
				tb.checkA11y(f, sc.name+", checker: second question")
				tb.assertClean()
			})
		}
	}
}
