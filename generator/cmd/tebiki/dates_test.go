package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// setClock makes the command's clock read at, on a computer whose zone is
// UTC (as a CI runner's).
func setClock(t *testing.T, at time.Time) {
	t.Helper()
	oldClock, oldLocal := clock, time.Local
	clock = func() time.Time { return at }
	time.Local = time.UTC
	t.Cleanup(func() { clock, time.Local = oldClock, oldLocal })
}

// scheduleHours gives Sanda's counter new hours from 1 April 2027.
func scheduleHours(t *testing.T, src string) {
	t.Helper()
	edit(t, filepath.Join(src, "rules", "sanda", "city.yaml"),
		`      - {days: weekdays, open: "09:00", close: "17:30"}`,
		`      - {days: weekdays, open: "09:00", close: "17:30", effective_until: "2027-03-31"}
      - {days: weekdays, open: "08:30", close: "17:30", effective_from: "2027-04-01"}`)
	// The rule test that states the hours states them up to that day.
	edit(t, filepath.Join(src, "rules", "sanda", "issuance.test.yaml"), ` 平日 9時00分～17時30分,`, ``)
	edit(t, filepath.Join(src, "rules", "sanda", "issuance.test.yaml"), ` "Weekdays, 9:00 to 17:30",`, ``)
	edit(t, filepath.Join(src, "rules", "sanda", "issuance.test.yaml"), ` 月曜日～金曜日 9時00分～17時30分,`, ``)
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, file, data string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The hours as the city page shows them in force (announcements of the
// change say them otherwise).
const (
	oldHours = `<p class="hours">Weekdays, 9:00 to 17:30</p>`
	newHours = `<p class="hours">Weekdays, 8:30 to 17:30</p>`
)

// "Today" is the day in Japan, not on the computer: at 14:59:59 UTC on 31
// March the build publishes the old hours, at 15:00 UTC (midnight in Japan)
// the new ones.
func TestBuildTodayInJapan(t *testing.T) {
	src := copyProject(t)
	scheduleHours(t, src)
	for _, tc := range []struct {
		at       time.Time
		want, no string
	}{
		{time.Date(2027, 3, 31, 14, 59, 59, 0, time.UTC), oldHours, newHours},
		{time.Date(2027, 3, 31, 15, 0, 0, 0, time.UTC), newHours, oldHours},
	} {
		setClock(t, tc.at)
		out := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := runCmd("build", "-src", src, "-out", out, "-checker=false"); code != 0 {
			t.Fatalf("build at %s: exit %d: %s", tc.at, code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "en", "sanda", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.want) || strings.Contains(string(b), tc.no) {
			t.Errorf("built at %s (UTC): the page should say %q and not %q", tc.at, tc.want, tc.no)
		}
	}
}

// A zone named in tebiki.yaml is used; a wrong one is a positioned error.
func TestSiteTimezone(t *testing.T) {
	src := copyProject(t)
	scheduleHours(t, src)
	// 20:00 UTC on 31 March: 1 April in Japan, still 31 March in New York.
	setClock(t, time.Date(2027, 3, 31, 20, 0, 0, 0, time.UTC))
	// The project's settings (its languages) stay; only the zone changes,
	// on the second line.
	settings, err := os.ReadFile(filepath.Join(src, "tebiki.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rest := strings.Replace(string(settings), "timezone: Asia/Tokyo\n", "", 1)
	if rest == string(settings) {
		t.Fatal("tebiki.yaml has no line \"timezone: Asia/Tokyo\"")
	}
	writeFile(t, filepath.Join(src, "tebiki.yaml"), "# New York\ntimezone: America/New_York\n"+rest)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd("build", "-src", src, "-out", out, "-checker=false"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "en", "sanda", "index.html")); !strings.Contains(string(b), oldHours) {
		t.Errorf("in New York it is still 31 March: the old hours should be published")
	}
	writeFile(t, filepath.Join(src, "tebiki.yaml"), "# New York\ntimezone: America/NewYork\n"+rest)
	code, _, stderr := runCmd("check", "-src", src)
	if code != 1 || !strings.Contains(stderr, `tebiki.yaml:2:11: unknown time zone "America/NewYork"`) {
		t.Errorf("check with a wrong zone: exit %d, stderr:\n%s", code, stderr)
	}
}

// build and check say when the next scheduled change needs a rebuild, and
// -until lists every change up to a day, pages included.
func TestNextChange(t *testing.T) {
	src := copyProject(t)
	scheduleHours(t, src)
	for _, lang := range []string{"ja", "en", "easy"} {
		writeFile(t, filepath.Join(src, "content", "sanda", "notice."+lang+".md"),
			"---\ntitle: Notice "+lang+"\neffective_from: 2027-06-01\n---\n\nNew counter.\n")
	}
	setClock(t, time.Date(2027, 3, 31, 14, 59, 59, 0, time.UTC))
	out := filepath.Join(t.TempDir(), "public")
	for lang, want := range map[string]string{
		"en": "tebiki: next change: 2027-04-01 (Sanda City (三田市) — starts: Sanda City Hall (三田市役所), Citizens Division (市民課), counter 7 (7番窓口): Weekdays, 8:30 to 17:30, and 1 more), rebuild on or after that day\n",
		"ja": "tebiki: 次の変更は 2027-04-01（三田市　開始：三田市役所 市民課7番窓口：平日 8時30分～17時30分 ほか1件）。この日以降にもう一度ビルドしてください\n",
	} {
		code, stdout, stderr := runCmd("build", "-src", src, "-out", out, "-checker=false", "-lang", lang)
		if code != 0 {
			t.Fatalf("build: exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, want) {
			t.Errorf("build -lang %s printed:\n%s\nwant a line:\n%s", lang, stdout, want)
		}
	}
	code, stdout, stderr := runCmd("build", "-src", src, "-out", out, "-checker=false", "-lang", "en")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "Scheduled changes") {
		t.Errorf("without -until, build listed every change:\n%s", stdout)
	}
	// At midnight in Japan the hours are in force; the page is next.
	setClock(t, time.Date(2027, 3, 31, 15, 0, 0, 0, time.UTC))
	for lang, wants := range map[string][]string{
		"en": {
			"tebiki: next change: 2027-06-01 (page content/sanda/notice.easy.md — published: “Notice easy”, and 2 more), rebuild on or after that day\n",
			"Scheduled changes after 2027-04-01, up to 2027-12-31:\n",
			"  2027-06-01  page content/sanda/notice.easy.md — published: “Notice easy”\n",
			"              page content/sanda/notice.en.md — published: “Notice en”\n",
			"              page content/sanda/notice.ja.md — published: “Notice ja”\n",
		},
		"ja": {
			"予定されている変更（2027-04-01 の翌日から 2027-12-31 まで）：\n",
			"  2027-06-01  ページ content/sanda/notice.easy.md　公開：「Notice easy」\n",
			"              ページ content/sanda/notice.en.md　公開：「Notice en」\n",
		},
	} {
		code, stdout, stderr = runCmd("check", "-src", src, "-until", "2027-12-31", "-lang", lang)
		if code != 0 {
			t.Fatalf("check: exit %d: %s", code, stderr)
		}
		for _, want := range wants {
			if !strings.Contains(stdout, want) {
				t.Errorf("check -until -lang %s printed:\n%s\nwant:\n%s", lang, stdout, want)
			}
		}
	}
	if strings.Contains(stdout, "8:30") {
		t.Errorf("on 1 April in Japan the new hours are no longer a change ahead:\n%s", stdout)
	}
	if code, _, _ := runCmd("build", "-src", src, "-out", out, "-until", "someday"); code != 2 {
		t.Errorf("-until someday: exit %d, want 2", code)
	}
}

// The same tests in a process whose zone is UTC by its environment, as on a
// CI runner (the tests above set the zone inside the process).
func TestDatesUnderTZUTC(t *testing.T) {
	if os.Getenv("TEBIKI_TZ_CHILD") != "" {
		if time.Now().Format("-0700") != "+0000" {
			t.Fatalf("the child does not run in UTC: %s", time.Now().Format(time.RFC3339))
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^(TestDatesUnderTZUTC|TestBuildTodayInJapan|TestNextChange)$", "-test.v")
	cmd.Env = append(os.Environ(), "TZ=UTC", "TEBIKI_TZ_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("under TZ=UTC: %v\n%s", err, out)
	}
	for _, name := range []string{"TestDatesUnderTZUTC", "TestBuildTodayInJapan", "TestNextChange"} {
		if !strings.Contains(string(out), "--- PASS: "+name) {
			t.Errorf("under TZ=UTC, %s did not pass:\n%s", name, out)
		}
	}
}
