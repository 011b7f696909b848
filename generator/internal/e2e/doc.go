// Package e2e holds end-to-end browser tests of the built site: the sample
// site is built once with the interactive checker compiled in, served on
// loopback (and opened from disk), and driven in headless Chromium the way a
// resident would use it, by mouse and by keyboard.
//
// The tests check that the interactive checker agrees with the static
// question and outcome pages on every path, in both languages; that the
// WebAssembly core gives the same answers as the native core for every rule
// test under rules/; that the checker works from file:// and degrades to the
// static flow when its binary cannot load; that no page requests anything
// from another host or logs an error; that every page type and every
// state of the checker has no axe-core (WCAG 2.1 A/AA) violation; that the
// whole site, checker included, works under a strict Content-Security-Policy;
// that the checker takes any link (hostile fragments); and that it fetches
// no WebAssembly before the first answer, carries answers across the
// language switch, keeps its live region current and prints a result that
// names the city, the procedure and the date.
//
// The package has no code outside its tests. The tests are skipped when no
// Chromium is found, unless TEBIKI_REQUIRE_BROWSER=1 (as in CI), which makes
// them fail instead. The accessibility test needs axe-core, installed with
// "npm ci" in generator/internal/e2e/axe.
package e2e
