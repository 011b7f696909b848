package stray

import "testing"

func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		name string
		want Kind
	}{
		// real names
		{"renewal.yaml", None},
		{"renewal.test.yaml", None},
		{"city.yaml", None},
		{"pin_reset.ja.md", None},
		{"_index.en.md", None},
		{"sanda", None},
		{"kobe-2", None},
		{"national.yaml", None},
		// copies
		{"city - コピー.yaml", Copy},
		{"city - Copy.yaml", Copy},
		{"city - copy (2).yaml", Copy},
		{"city (1).yaml", Copy},
		{"city(2).yaml", Copy},
		{"renewal.ja - コピー.md", Copy},
		{"renewal - コピー.ja.md", Copy},
		{"renewal のコピー.yaml", Copy},
		{"renewalのコピー.yaml", Copy},
		{"renewal copy.yaml", Copy},
		{"renewal copy 2.yaml", Copy},
		{"renewal 2.yaml", Copy},
		{"コピー ～ renewal.yaml", Copy},
		{"Copy of renewal.yaml", Copy},
		{"sanda - コピー", Copy},
		{"sanda (1)", Copy},
		// backups, temporary and lock files
		{"city.yaml.bak", Backup},
		{"city.yaml~", Backup},
		{"~$renewal.ja.md", Backup},
		{".city.yaml.swp", Backup},
		{"renewal.yaml.orig", Backup},
		{"#renewal.yaml#", Backup},
		{"CITY.YAML.BAK", Backup},
		// made by the operating system
		{".DS_Store", System},
		{"Thumbs.db", System},
		{"desktop.ini", System},
		{"._renewal.yaml", System},
	} {
		if got := Classify(tt.name); got != tt.want {
			t.Errorf("Classify(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// Every name the regular expression of copies matches passes mayBeCopy,
// which keeps the others from it.
func TestMayBeCopy(t *testing.T) {
	for _, s := range []string{
		"x - コピー", "x - Copy (2)", "x (1)", "x(12)", "x のコピー", "xのコピー", "xのコピー 3",
		"x copy", "x COPY 2", "x 2", "コピー ～ x", "copy of x", "Copy Of x",
		"renewal", "renewal.ja", "kobe-2", "x_copy", "x-2", "(x", "x)",
	} {
		if copyName.MatchString(s) && !mayBeCopy(s) {
			t.Errorf("%q is a copy's name, and mayBeCopy(%[1]q) is false", s)
		}
	}
	for _, s := range []string{"renewal.yaml", "pin_reset.ja.md", "kobe-2", "c0100"} {
		if mayBeCopy(s) {
			t.Errorf("mayBeCopy(%q) is true", s)
		}
	}
}
