package decide

import "testing"

func d(s string) Date {
	x, ok := ParseDate(s)
	if !ok {
		panic("bad date " + s)
	}
	return x
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2024-02-29", "2026-12-31", "1900-01-01"} {
		if got, ok := ParseDate(s); !ok || got.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"2023-02-29", "2026-13-01", "2026-04-31", "26-01-01", "2026/01/01", "2026-1-01", "", "２０２６-01-01"} {
		if _, ok := ParseDate(s); ok {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"2027-05-31", -3, "2027-02-28"},
		{"2028-05-31", -3, "2028-02-29"}, // leap year
		{"2027-06-30", -3, "2027-03-30"},
		{"2027-03-31", -3, "2026-12-31"}, // across the year
		{"2027-01-15", -3, "2026-10-15"},
		{"2026-11-30", 3, "2027-02-28"},
		{"2100-05-31", -3, "2100-02-28"}, // 2100 is not a leap year
		{"2000-05-31", -3, "2000-02-29"}, // 2000 is
	}
	for _, tt := range tests {
		if got := d(tt.in).AddMonths(tt.n).String(); got != tt.want {
			t.Errorf("%s %+d months = %s, want %s", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestFifthBirthdayAfter(t *testing.T) {
	tests := []struct{ issued, birth, want string }{
		{"2022-06-01", "1990-06-15", "2026-06-15"}, // birthday later in the issue year counts
		{"2022-07-01", "1990-06-15", "2027-06-15"}, // birthday already passed
		{"2022-06-15", "1990-06-15", "2027-06-15"}, // issued on the birthday: that one does not count
		{"2021-03-01", "2000-02-29", "2026-02-28"}, // 29 Feb birthday, common year
		{"2019-03-01", "2000-02-29", "2024-02-29"}, // 29 Feb birthday, leap year
		{"2020-02-28", "2000-02-29", "2024-02-29"}, // first birthday is 2020-02-29
		{"2024-12-31", "2010-01-01", "2029-01-01"},
	}
	for _, tt := range tests {
		if got := FifthBirthdayAfter(d(tt.issued), d(tt.birth)).String(); got != tt.want {
			t.Errorf("FifthBirthdayAfter(%s, %s) = %s, want %s", tt.issued, tt.birth, got, tt.want)
		}
	}
}

func TestExpiryStatus(t *testing.T) {
	exp := d("2027-05-31")
	tests := []struct{ today, want string }{
		{"2027-02-27", TooEarly},
		{"2027-02-28", Open}, // 31 May minus 3 months is 28 Feb
		{"2027-05-31", Open}, // the expiry date itself
		{"2027-06-01", Expired},
	}
	for _, tt := range tests {
		if got := ExpiryStatus(exp, d(tt.today), 3); got != tt.want {
			t.Errorf("ExpiryStatus(%s, %s) = %s, want %s", exp, tt.today, got, tt.want)
		}
	}
}

func TestExpiryInput(t *testing.T) {
	tests := []struct {
		in   ExpiryInput
		want string
		ok   bool
	}{
		{ExpiryInput{Printed: d("2027-01-31")}, "2027-01-31", true},
		{ExpiryInput{Issued: d("2022-06-01"), Birthday: d("1990-06-15")}, "2026-06-15", true},
		{ExpiryInput{StayUntil: d("2026-09-30"), Issued: d("2022-06-01"), Birthday: d("1990-06-15")}, "2026-09-30", true},
		{ExpiryInput{Issued: d("2022-06-01")}, "", false},
		{ExpiryInput{Issued: d("1980-01-01"), Birthday: d("1990-06-15")}, "", false},
		{ExpiryInput{}, "", false},
	}
	for i, tt := range tests {
		got, ok := tt.in.Expiry()
		if ok != tt.ok || (ok && got.String() != tt.want) {
			t.Errorf("%d: Expiry() = %s, %v; want %s, %v", i, got, ok, tt.want, tt.ok)
		}
	}
}
