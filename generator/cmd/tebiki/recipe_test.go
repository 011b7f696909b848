package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The README's daily-rebuild recipes run a build command; each must be a
// valid build of the site, and the GitHub schedule (in UTC) must fall just
// after midnight in Japan.
func TestDailyRebuildRecipe(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	cronLine := regexp.MustCompile(`(?m)^\s*CRON_TZ=Asia/Tokyo\n\s*(\d+) (\d+) \* \* \* (.*)$`).FindStringSubmatch(readme)
	ghCron := regexp.MustCompile(`(?m)^\s*- cron: "(\d+) (\d+) \* \* \*"`).FindStringSubmatch(readme)
	ghRun := regexp.MustCompile(`(?m)^\s*- run: (go run \./generator/cmd/tebiki build.*)$`).FindStringSubmatch(readme)
	if cronLine == nil || ghCron == nil || ghRun == nil {
		t.Fatalf("README: the cron line, the GitHub schedule or its build step is missing (%v, %v, %v)", cronLine != nil, ghCron != nil, ghRun != nil)
	}
	// Minutes after midnight in Japan of each schedule.
	jst := time.FixedZone("JST", 9*3600)
	at := func(m, h string, zone *time.Location) time.Time {
		mi, _ := strconv.Atoi(m)
		ho, _ := strconv.Atoi(h)
		return time.Date(2027, 3, 31, ho, mi, 0, 0, zone).In(jst)
	}
	for name, tm := range map[string]time.Time{"cron (CRON_TZ=Asia/Tokyo)": at(cronLine[1], cronLine[2], jst), "GitHub (UTC)": at(ghCron[1], ghCron[2], time.UTC)} {
		if tm.Hour() != 0 || tm.Minute() > 30 {
			t.Errorf("%s runs at %s in Japan; want just after midnight", name, tm.Format("15:04"))
		}
	}
	cmdOf := func(line string) []string {
		line, _, _ = strings.Cut(line, "&&")
		line = strings.TrimSpace(line)
		_, rest, ok := strings.Cut(line, "go run ./generator/cmd/tebiki ")
		if !ok {
			t.Fatalf("not a tebiki command: %q", line)
		}
		return strings.Fields(rest)
	}
	cronCmd := cronLine[3]
	if _, after, ok := strings.Cut(cronCmd, "&& "); ok && strings.HasPrefix(cronCmd, "cd ") {
		cronCmd = after
	}
	src := copyProject(t)
	t.Chdir(src)
	setClock(t, time.Date(2027, 3, 31, 15, 5, 0, 0, time.UTC))
	for _, args := range [][]string{cmdOf(cronCmd), cmdOf(ghRun[1])} {
		if args[0] != "build" {
			t.Fatalf("the recipe runs %v, not a build", args)
		}
		// Run as written, from the site's folder: -out public lands in a
		// temporary copy of the project.
		// (The copy holds no Go module, so the build leaves the
		// interactive checker out, as it would on a computer without Go.)
		code, stdout, stderr := runCmd(args...)
		if code != 0 || !strings.HasPrefix(stdout, "tebiki: built ") {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		if _, err := os.Stat(filepath.Join(src, "public", "ja", "index.html")); err != nil {
			t.Errorf("%v did not build public/: %v", args, err)
		}
	}
}
