package config

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// inUTC makes the computer's zone UTC for the test, as on a CI runner.
func inUTC(t *testing.T) {
	old := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = old })
}

func load(t *testing.T, src string) (*Config, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	if src != "" {
		fsys[File] = &fstest.MapFile{Data: []byte(src)}
	}
	errs := &diag.List{}
	return Load(fsys, errs), errs
}

func TestTodayAroundMidnightInJapan(t *testing.T) {
	inUTC(t)
	for _, src := range []string{"", "# no settings\n", "timezone: Asia/Tokyo\n"} {
		c, errs := load(t, src)
		if err := errs.Err(); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		// 15:00 UTC is midnight in Japan (UTC+9, no summer time).
		before := time.Date(2027, 3, 31, 14, 59, 59, 0, time.UTC)
		after := time.Date(2027, 3, 31, 15, 0, 0, 0, time.UTC)
		if got, want := c.Today(before), (decide.Date{Y: 2027, M: 3, D: 31}); got != want {
			t.Errorf("%q: at %s it is %s; want %s", src, before, got, want)
		}
		if got, want := c.Today(after), (decide.Date{Y: 2027, M: 4, D: 1}); got != want {
			t.Errorf("%q: at %s it is %s; want %s", src, after, got, want)
		}
	}
}

func TestOtherZone(t *testing.T) {
	inUTC(t)
	c, errs := load(t, "timezone: America/New_York\n")
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	// 03:00 UTC on 1 April is still 31 March in New York (UTC-4 in April).
	if got, want := c.Today(time.Date(2027, 4, 1, 3, 0, 0, 0, time.UTC)), (decide.Date{Y: 2027, M: 3, D: 31}); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if c.Timezone.Name != "America/New_York" {
		t.Errorf("zone %q", c.Timezone.Name)
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"timezone: Asia/Tokio\n", `tebiki.yaml:1:11: unknown time zone "Asia/Tokio" (write a zone name of the IANA time zone database, such as Asia/Tokyo)`},
		{"timezone: Local\n", `tebiki.yaml:1:11: unknown time zone "Local"`},
		{"# settings\ntimezone: Asia/Tokyo\ntimezon: UTC\n", `tebiki.yaml:3:1: unknown key "timezon" (did you mean "timezone"?)`},
		{"timezone: [Asia/Tokyo]\n", `tebiki.yaml:1:11: expected a time zone, found a list`},
		{"timezone: \"\"\n", `tebiki.yaml:1:11: expected a time zone`},
		{"timezone: Asia/Tokyo\n  bad: [\n", `tebiki.yaml:`},
	} {
		c, errs := load(t, tc.src)
		err := errs.Err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v; want %s", tc.src, err, tc.want)
		}
		if c.Timezone.Location == nil || c.Timezone.Name != DefaultZone {
			t.Errorf("%q: after a problem the zone is %q; want the default", tc.src, c.Timezone.Name)
		}
	}
}

// The sample site's own file is valid and names Japan's zone.
func TestSampleSite(t *testing.T) {
	errs := &diag.List{}
	c := Load(os.DirFS("../../.."), errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if c.Timezone.Name != "Asia/Tokyo" || c.Pos.File != File {
		t.Errorf("sample site: zone %q from %q", c.Timezone.Name, c.Pos.File)
	}
}
