package browser

import (
	"os"
	"testing"
)

// Require returns the path of Chromium for a browser test, or skips the
// test: always under go test -short (browser tests are the slow part of the
// suite), and when no Chromium is installed unless TEBIKI_REQUIRE_BROWSER=1
// asks for a failure instead, as CI does.
func Require(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped under -short")
	}
	path, ok := Available()
	if !ok {
		if os.Getenv("TEBIKI_REQUIRE_BROWSER") == "1" {
			t.Fatal("no Chromium found (CHROMIUM_PATH, /usr/bin/chromium, PATH) and TEBIKI_REQUIRE_BROWSER=1")
		}
		t.Skip("no Chromium found; set CHROMIUM_PATH or install chromium (TEBIKI_REQUIRE_BROWSER=1 makes this fatal)")
	}
	return path
}
