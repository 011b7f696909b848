package diff_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/diff"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// project returns the sample project (content, rules, theme) in memory.
func project(t *testing.T) fstest.MapFS {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	m := fstest.MapFS{}
	for _, f := range []string{"tebiki.yaml", "glossary.yaml"} {
		if b, err := os.ReadFile(filepath.Join(root, f)); err == nil {
			m[f] = &fstest.MapFile{Data: b}
		}
	}
	for _, dir := range []string{"content", "rules", "themes"} {
		fs.WalkDir(os.DirFS(root), dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(filepath.Join(root, p))
				m[p] = &fstest.MapFile{Data: b}
			}
			return nil
		})
	}
	return m
}

func replace(t *testing.T, m fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(m[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

// scheduleNewHours schedules new counter hours in Sanda from 1 April 2027,
// as staff would: the old hours end on 31 March, the new start on 1 April,
// and the rule test that pins the hours is split the same way.
func scheduleNewHours(t *testing.T) fstest.MapFS {
	m := project(t)
	replace(t, m, "rules/sanda/city.yaml",
		`      - {days: weekdays, open: "09:00", close: "17:30"}`,
		`      - {days: weekdays, open: "09:00", close: "17:30", effective_until: "2027-03-31"}
      - {days: weekdays, open: "08:30", close: "17:15", effective_from: "2027-04-01"}`)
	test := string(m["rules/sanda/issuance.test.yaml"].Data)
	i := strings.Index(test, "  - name: holder, same day")
	j := strings.Index(test, "  - name: proxy, two visits")
	old := test[i:j]
	before := strings.Replace(old, "    answers:", "    effective_until: 2027-03-31\n    answers:", 1)
	after := strings.Replace(strings.Replace(strings.Replace(old, "holder, same day", "holder, same day, new hours", 1),
		"    answers:", "    effective_from: 2027-04-01\n    answers:", 1),
		"9時00分～17時30分", "8時30分～17時15分", -1) // the ja and easy words
	after = strings.Replace(after, `"Weekdays, 9:00 to 17:30"`, `"Weekdays, 8:30 to 17:15"`, 1)
	m["rules/sanda/issuance.test.yaml"] = &fstest.MapFile{Data: []byte(test[:i] + before + after + test[j:])}
	return m
}

func buildAt(t *testing.T, m fstest.MapFS, date string) map[string][]byte {
	t.Helper()
	files, _, err := site.BuildFiles(site.Options{Src: m, Date: date})
	if err != nil {
		t.Fatalf("build for %s: %v", date, err)
	}
	return files
}

func TestScheduledHoursChange(t *testing.T) {
	m := scheduleNewHours(t)

	march := buildAt(t, m, "2027-03-01")
	page := unmark(string(march["en/sanda/issuance/index.html"]))
	for _, want := range []string{"Weekdays, 9:00 to 17:30", "Changes ahead", "From 1 April 2027, this changes:",
		"New: Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): Weekdays, 8:30 to 17:15",
		"No longer: Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): Weekdays, 9:00 to 17:30"} {
		if !strings.Contains(page, want) {
			t.Errorf("March build, English guide lacks %q", want)
		}
	}
	if strings.Contains(page, "Weekdays, 8:30 to 17:15</p>") {
		t.Error("March build already lists the April hours as current")
	}
	ja := unmark(string(march["ja/sanda/renewal/check/open.self.html"]))
	for _, want := range []string{"平日 9時00分～17時30分", "2027年4月1日から、次のとおり変わります", "新しく： 三田市役所 市民課7番窓口：平日 8時30分～17時15分"} {
		if !strings.Contains(ja, want) {
			t.Errorf("March build, Japanese outcome page lacks %q", want)
		}
	}
	if sakura := string(march["en/sakuragawa/renewal/index.html"]); strings.Contains(sakura, "Changes ahead") {
		t.Error("Sakuragawa's page announces Sanda's change")
	}

	april := buildAt(t, m, "2027-04-01")
	page = string(april["en/sanda/issuance/index.html"])
	if !strings.Contains(page, "Weekdays, 8:30 to 17:15") || strings.Contains(page, "9:00 to 17:30") {
		t.Error("April build does not show only the new hours")
	}
	if strings.Contains(page, "Changes ahead") {
		t.Error("April build still announces the change")
	}
	if !strings.Contains(page, "Updated on 1 April 2027") {
		t.Error("April build does not say when it was updated")
	}

	// The review step: what changes for residents between the two days.
	var errs diag.List
	a := site.LoadRules(m, "default", decide.Date{Y: 2027, M: 3, D: 31}, &errs)
	b := site.LoadRules(m, "default", decide.Date{Y: 2027, M: 4, D: 1}, &errs)
	if errs.Len() > 0 {
		t.Fatal(errs.Err())
	}
	rep := diff.Compare("2027-03-31", "2027-04-01", a, b)
	if len(rep.Procs) != 2 {
		t.Fatalf("report covers %d procedures, want Sanda's 2", len(rep.Procs))
	}
	for _, p := range rep.Procs {
		if p.City != "sanda" || len(p.Cases) != 0 || len(p.Where) != 2 {
			t.Errorf("%s/%s: %d where lines, %d cases; want the 2 hours lines only", p.City, p.ID, len(p.Where), len(p.Cases))
			continue
		}
		if p.Where[0].Op != "-" || !strings.Contains(p.Where[0].Text.In("en"), "9:00 to 17:30") ||
			p.Where[1].Op != "+" || !strings.Contains(p.Where[1].Text.In("ja"), "8時30分～17時15分") {
			t.Errorf("%s: where lines %+v", p.ID, p.Where)
		}
	}
	var text bytes.Buffer
	rep.Text(&text)
	for _, want := range []string{"三田市 電子証明書の発行 / Sanda City (三田市), Getting electronic certificates issued",
		"- 三田市役所 市民課7番窓口：平日 9時00分～17時30分", "+ 三田市役所 市民課7番窓口：平日 8時30分～17時15分",
		"Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): Weekdays, 8:30 to 17:15"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
}

func TestDiffOfChecklists(t *testing.T) {
	m := project(t)
	var errs diag.List
	day := decide.Date{Y: 2027, M: 1, D: 1}
	a := site.LoadRules(m, "default", day, &errs)
	// A new document for Sakuragawa's proxy renewal, and the any-ID rule tightened.
	replace(t, m, "rules/sakuragawa/renewal.yaml", "          - doc: any_id\n", "          - doc: photo_id\n")
	b := site.LoadRules(m, "default", day, &diag.List{}) // its rule tests now fail; the diff still shows the change
	rep := diff.Compare("before", "after", a, b)
	var text bytes.Buffer
	rep.Text(&text)
	out := text.String()
	for _, want := range []string{
		"回答 / Answers: 電子証明書の有効期限まで、あとどのくらいですか。 → 有効期限を過ぎている",
		"- 1回目：持ち物：代理人の本人確認書類（顔写真はあってもなくてもかまいません）",
		"visit 1: bring: Photo ID of the person at the counter",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "三田市") {
		t.Error("report mentions Sanda, which did not change")
	}
}

func TestBadEffectiveDate(t *testing.T) {
	m := project(t)
	replace(t, m, "rules/sanda/city.yaml", `open: "09:00", close: "17:30"}`, `open: "09:00", close: "17:30", effective_from: "2027-4-1"}`)
	_, _, err := site.BuildFiles(site.Options{Src: m, Date: "2027-01-01"})
	if err == nil || !strings.Contains(err.Error(), `rules/sanda/city.yaml:24:9: effective_from "2027-4-1" is not a date (write dates as YYYY-MM-DD, for example 2027-04-01)`) {
		t.Errorf("err = %v", err)
	}
}

var markup = regexp.MustCompile(`<wbr>|</?span[^>]*>`)

// unmark removes the markup that package jatext puts into text (break
// opportunities and lang="ja" spans), so tests can look for sentences.
func unmark(s string) string { return markup.ReplaceAllString(s, "") }
