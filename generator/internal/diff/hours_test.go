package diff_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/diff"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Richer hours (a lunch break, a Saturday counter, closing days, national
// holidays) appear in the review as whole sentences in both languages: the
// hours entry that changed, the one added, and the closing days.
func TestDiffOfRicherHours(t *testing.T) {
	m := project(t)
	day := decide.Date{Y: 2027, M: 1, D: 10}
	var errs diag.List
	a := site.LoadRules(m, "default", day, &errs)
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	// An invented change, on an in-memory copy only: the real cities keep their facts.
	replace(t, m, "rules/sanda/city.yaml", `      - {days: weekdays, open: "09:00", close: "17:30"}`,
		`      - {days: weekdays, open: "09:00", close: "17:30", break: "12:00-13:00"}
      - {days: sat, weeks: [2, 4], open: "09:00", close: "12:00"}
    holidays: closed
    closed:
      - {from: "12-29", until: "01-03", name: {ja: 年末年始, en: the year-end holidays, easy: 年末年始}}`)
	b := site.LoadRules(m, "default", day, &errs) // its rule tests, which state the hours, are not run here
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	rep := diff.Compare("before", "after", a, b)
	var text bytes.Buffer
	rep.Text(&text)
	out := text.String()
	for _, want := range []string{
		"- 三田市役所 市民課7番窓口：平日 9時00分～17時30分\n",
		"+ 三田市役所 市民課7番窓口：平日 9時00分～17時30分（12時00分～13時00分を除く）\n",
		"Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): Weekdays, 9:00 to 17:30 (closed 12:00 to 13:00)\n",
		"+ 三田市役所 市民課7番窓口：第2・第4土曜 9時00分～12時00分\n",
		"Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): 2nd and 4th Saturdays, 9:00 to 12:00\n",
		"+ 三田市役所 市民課7番窓口：祝日と年末年始（12月29日～1月3日）は休み\n",
		"Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): Closed on national holidays and the year-end holidays (29 December to 3 January).\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}

	// Only the closing days change: the review still shows it.
	m2 := project(t)
	replace(t, m2, "rules/sanda/city.yaml", `      - {days: weekdays, open: "09:00", close: "17:30"}`,
		`      - {days: weekdays, open: "09:00", close: "17:30"}
    holidays: open`)
	c := site.LoadRules(m2, "default", day, &errs)
	rep = diff.Compare("before", "after", a, c)
	if rep.Empty() {
		t.Fatal("a change of the holidays rule is not reported")
	}
	for _, p := range rep.Procs {
		if len(p.Where) != 1 || p.Where[0].Op != "+" || !strings.HasSuffix(p.Where[0].Text.In("en"), ": Open on national holidays.") {
			t.Errorf("%s: where lines %+v", p.ID, p.Where)
		}
	}
}
