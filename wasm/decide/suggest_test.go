package decide

import "testing"

func TestSuggest(t *testing.T) {
	for _, c := range []struct {
		s    string
		cand []string
		want string
	}{
		{"mooving", []string{"moving", "marriage"}, "moving"},
		{"build", []string{"build", "check"}, "build"},
		{"zzzzzz", []string{"moving", "marriage"}, ""},
		{"x", nil, ""},
		// Distances count characters, not bytes: é is one edit from b.
		{"ab", []string{"axx", "aé"}, "aé"},
		{"火よう", []string{"火曜", "月曜"}, "火曜"},
	} {
		if got := Suggest(c.s, c.cand); got != c.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", c.s, c.cand, got, c.want)
		}
	}
}
