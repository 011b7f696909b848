package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diff"
)

// gitProject copies the sample project into a new git repository and
// commits it, as staff's working copy before their edits.
func gitProject(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	src := copyProject(t) // with tebiki.yaml, which marks the site's folder
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=staff", "-c", "user.email=staff@example.org", "commit", "-qm", "published"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = src
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return src
}

const (
	oldProse = "What to bring depends on whether the holder or a proxy applies."
	newProse = "What to bring depends on who applies: the holder, or a proxy."
)

// staffEdits makes the edits a review must show: new hours from 1 April
// 2027, a sentence of the English prose, a UI string, and a new page.
func staffEdits(t *testing.T, src string) {
	scheduleHours(t, src)
	edit(t, filepath.Join(src, "content", "sanda", "renewal.en.md"), oldProse, newProse)
	edit(t, filepath.Join(src, "themes", "default", "i18n", "en.yaml"), "schedule.title: Changes ahead", "schedule.title: Changes coming")
	for _, lang := range []string{"ja", "en", "easy"} {
		writeFile(t, filepath.Join(src, "content", "sanda", "notice."+lang+".md"), "---\ntitle: Notice "+lang+"\n---\n\nThe counter moves.\n")
	}
}

func hasPage(pages []diff.PageRef, p string) bool {
	for _, x := range pages {
		if x.Path == p {
			return true
		}
	}
	return false
}

// The case: `diff -rev HEAD` said nothing changes after scheduled
// hours put a "changes ahead" box on every page of the city, and prose
// edits never showed.
func TestDiffRevShowsWhatResidentsSee(t *testing.T) {
	src := gitProject(t)
	code, stdout, stderr := runCmd("diff", "-src", src, "-rev", "HEAD", "-date", "2027-03-01")
	if code != 0 || !strings.Contains(stdout, "Nothing changes for residents") {
		t.Fatalf("before any edit: exit %d\n%s%s", code, stdout, stderr)
	}
	staffEdits(t, src)

	code, stdout, stderr = runCmd("diff", "-src", src, "-rev", "HEAD", "-date", "2027-03-01", "-json")
	if code != 1 {
		t.Fatalf("after the edits: exit %d, want 1\n%s", code, stderr)
	}
	var rep diff.JSONReview
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("the JSON does not parse: %v\n%s", err, stdout)
	}
	if !rep.Changed || rep.From != "HEAD (2027-03-01)" || rep.To != "working tree (2027-03-01)" {
		t.Errorf("changed %v, from %q, to %q", rep.Changed, rep.From, rep.To)
	}
	// The scheduled change, announced on the city's pages in both languages.
	announced := false
	for _, a := range rep.Announced {
		if a.Op == "+" && a.Date == "2027-04-01" && strings.Contains(a.What.In("en"), "Weekdays, 8:30 to 17:30") &&
			hasPage(a.Pages, "en/sanda/index.html") && hasPage(a.Pages, "ja/sanda/issuance/index.html") {
			announced = true
		}
	}
	if !announced {
		t.Errorf("the new hours are not reported as announced on Sanda's pages: %+v", rep.Announced)
	}
	// The prose, as text, on its page.
	prose := false
	for _, c := range rep.Text {
		if c.Lang == "en" && hasPage(c.Pages, "en/sanda/renewal/index.html") &&
			strings.Contains(strings.Join(c.Removed, "\n"), oldProse) && strings.Contains(strings.Join(c.Added, "\n"), newProse) {
			prose = true
		}
	}
	if !prose {
		t.Errorf("the edited paragraph is not in the review: %+v", rep.Text)
	}
	// The UI string, with the pages that show it.
	ui := false
	for _, u := range rep.UI {
		if u.Key == "schedule.title" && u.Lang == "en" && u.Op == "~" && u.New == "Changes coming" && hasPage(u.Pages, "en/sanda/index.html") {
			ui = true
		}
	}
	if !ui {
		t.Errorf("the UI string change is missing: %+v", rep.UI)
	}
	if !hasPage(rep.Added, "ja/sanda/notice/index.html") || !hasPage(rep.Added, "en/sanda/notice/index.html") || len(rep.Removed) != 0 {
		t.Errorf("pages added %v, removed %v", rep.Added, rep.Removed)
	}

	// The same as text, in both languages, and as a page.
	page := filepath.Join(t.TempDir(), "review.html")
	code, stdout, _ = runCmd("diff", "-src", src, "-rev", "HEAD", "-date", "2027-03-01", "-html", page)
	if code != 1 {
		t.Errorf("text: exit %d", code)
	}
	for _, want := range []string{
		"■ 変更の予告 / Announcements of scheduled changes",
		"2027-04-01（新しく予告されます / newly announced）",
		"[en] Sanda City (三田市): starts: Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): Weekdays, 8:30 to 17:30",
		"+ 2027年4月1日から、次のとおり変わります",
		"    - " + oldProse,
		"+ en/sanda/notice/  Notice en",
		"~ en schedule.title",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the text report lacks %q:\n%s", want, stdout)
		}
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<ins>" + newProse, "<del>" + oldProse, "Changes coming"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the HTML report lacks %q", want)
		}
	}
	for _, external := range []string{"<script", "<link", "src=", "http://", "https://"} {
		if strings.Contains(string(b), external) {
			t.Errorf("the HTML report is not self-contained: it has %q", external)
		}
	}
}

// A team without git compares with the folder they published.
func TestDiffAgainstPublishedFolder(t *testing.T) {
	src := copyProject(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd("build", "-src", src, "-out", out, "-date", "2027-03-01"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	code, stdout, stderr := runCmd("diff", "-src", src, "-against", out, "-date", "2027-03-01")
	if code != 0 || !strings.Contains(stdout, "Nothing changes for residents") || !strings.Contains(stdout, out+" (2027-03-01) → working tree (2027-03-01)") {
		t.Fatalf("unchanged: exit %d\n%s%s", code, stdout, stderr)
	}
	staffEdits(t, src)
	code, stdout, stderr = runCmd("diff", "-src", src, "-against", out, "-date", "2027-03-01", "-json")
	if code != 1 {
		t.Fatalf("after the edits: exit %d\n%s", code, stderr)
	}
	var rep diff.JSONReview
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var ja, en, prose bool
	for _, c := range rep.Text {
		added := strings.Join(c.Added, "\n")
		ja = ja || (c.Lang == "ja" && hasPage(c.Pages, "ja/sanda/index.html") && strings.Contains(added, "2027年4月1日から、次のとおり変わります"))
		en = en || (c.Lang == "en" && hasPage(c.Pages, "en/sanda/issuance/check/self.html") && strings.Contains(added, "From 1 April 2027, this changes:"))
		prose = prose || (hasPage(c.Pages, "en/sanda/renewal/index.html") && strings.Contains(added, newProse))
	}
	if !ja || !en || !prose {
		t.Errorf("announcement ja %v, en %v, prose %v:\n%s", ja, en, prose, stdout)
	}
	if !hasPage(rep.Added, "en/sanda/notice/index.html") {
		t.Errorf("the new page is not reported: %v", rep.Added)
	}
	if len(rep.Rules) != 0 || len(rep.UI) != 0 {
		t.Errorf("a published folder has no rules or UI strings to compare, yet: %v %v", rep.Rules, rep.UI)
	}
	// A folder that is no site is an error, not "everything was added".
	code, _, stderr = runCmd("diff", "-src", src, "-against", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "not a site built by Tebiki") {
		t.Errorf("-against an empty folder: exit %d, %s", code, stderr)
	}
}

func TestDiffUsage(t *testing.T) {
	src := copyProject(t)
	for _, args := range [][]string{
		{"diff"},
		{"diff", "-src", src, "-rev", "HEAD", "-from", "2027-01-01", "-to", "2027-02-01"},
		{"diff", "-src", src, "-against", src, "-rev", "HEAD"},
		{"diff", "-src", src, "-from", "2027-01-01"},
		{"diff", "-src", src, "-from", "2027-1-1", "-to", "2027-02-01"},
		{"diff", "-src", src, "-from", "2027-01-01", "-to", "2027-02-01", "-date", "2027-01-01"},
		{"diff", "-src", src, "-nope"},
		{"diff", "-src", src, "-from", "2027-01-01", "-to", "2027-02-01", "extra"},
	} {
		if code, _, _ := runCmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args[1:], code)
		}
	}
	// Two days with nothing scheduled between them: no difference.
	if code, stdout, stderr := runCmd("diff", "-src", src, "-from", "2027-01-01", "-to", "2027-02-01"); code != 0 {
		t.Errorf("-from -to without changes: exit %d\n%s%s", code, stdout, stderr)
	}
	// A problem in the input is trouble (2), not a difference (1).
	edit(t, filepath.Join(src, "rules", "sanda", "city.yaml"), `open: "09:00"`, `open: "9am"`)
	if code, _, stderr := runCmd("diff", "-src", src, "-from", "2027-01-01", "-to", "2027-02-01"); code != 2 || !strings.Contains(stderr, "rules/sanda/city.yaml:") {
		t.Errorf("broken rules: exit %d\n%s", code, stderr)
	}
}

// The site may be a folder inside the repository.
func TestDiffRevSiteInSubfolder(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	src := filepath.Join(repo, "guides")
	if err := os.CopyFS(src, os.DirFS(copyProject(t))); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=staff", "-c", "user.email=staff@example.org", "commit", "-qm", "published"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	edit(t, filepath.Join(src, "content", "sanda", "renewal.en.md"), oldProse, newProse)
	code, stdout, stderr := runCmd("diff", "-src", src, "-rev", "HEAD")
	if code != 1 || !strings.Contains(stdout, "    + "+newProse) || !strings.Contains(stdout, "    - "+oldProse) {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}
