"""Problems that read structured text: numbers, times, key=value pairs, small formats (call style)."""

from rltf.data.embedded._define import fn

PROBLEMS = [
    fn(
        "easy",
        "takes a string `s` of integers separated by commas (no spaces) and returns their sum. An empty "
        "string sums to 0.",
        """
        def sum_csv(s):
            return sum(int(x) for x in s.split(",")) if s else 0
        """,
        """
        sum_csv("1,2,3") == 6
        sum_csv("") == 0
        sum_csv("42") == 42
        sum_csv("-1,1") == 0
        sum_csv("10,20,-5") == 25
        """,
    ),
    fn(
        "easy",
        'takes a time string `t` in the form "HH:MM" (24-hour clock) and returns the number of minutes '
        "since midnight.",
        """
        def minutes_since_midnight(t):
            h, m = t.split(":")
            return int(h) * 60 + int(m)
        """,
        """
        minutes_since_midnight("01:30") == 90
        minutes_since_midnight("00:00") == 0
        minutes_since_midnight("23:59") == 1439
        minutes_since_midnight("12:00") == 720
        minutes_since_midnight("00:07") == 7
        """,
    ),
    fn(
        "easy",
        "returns the list of all integers written in the string `s`, where numbers are separated by single "
        "spaces.",
        """
        def parse_ints(s):
            return [int(x) for x in s.split()]
        """,
        """
        parse_ints("1 2 3") == [1, 2, 3]
        parse_ints("") == []
        parse_ints("-7") == [-7]
        parse_ints("0 0") == [0, 0]
        parse_ints("10 -20 30") == [10, -20, 30]
        """,
    ),
    fn(
        "easy",
        "returns the file extension of the file name `name` (the part after the last dot, without the dot), "
        "or an empty string if the name has no dot.",
        """
        def file_extension(name):
            return name.rsplit(".", 1)[1] if "." in name else ""
        """,
        """
        file_extension("report.pdf") == "pdf"
        file_extension("archive.tar.gz") == "gz"
        file_extension("README") == ""
        file_extension("") == ""
        file_extension("name.") == ""
        file_extension("a.b") == "b"
        """,
    ),
    fn(
        "easy",
        "takes an e-mail address `email` containing exactly one '@' and returns the part after it (the domain).",
        """
        def email_domain(email):
            return email.split("@")[1]
        """,
        """
        email_domain("ann@example.com") == "example.com"
        email_domain("x@y") == "y"
        email_domain("@host.org") == "host.org"
        email_domain("first.last@mail.co.uk") == "mail.co.uk"
        email_domain("user@") == ""
        """,
    ),
    fn(
        "medium",
        'parses a string `s` of `key=value` pairs separated by semicolons (e.g. "a=1;b=2") into a dictionary '
        "of strings. Empty pieces are skipped; a later key overrides an earlier one.",
        """
        def parse_pairs(s):
            out = {}
            for piece in s.split(";"):
                if piece:
                    key, value = piece.split("=", 1)
                    out[key] = value
            return out
        """,
        """
        parse_pairs("a=1;b=2") == {"a": "1", "b": "2"}
        parse_pairs("") == {}
        parse_pairs("x=") == {"x": ""}
        parse_pairs("a=1;;a=3;") == {"a": "3"}
        parse_pairs("url=a=b") == {"url": "a=b"}
        """,
    ),
    fn(
        "medium",
        "evaluates the string `expr` containing non-negative integers joined by '+' and '-' signs only (no "
        'spaces, no parentheses), e.g. "10+5-3", and returns the result.',
        """
        def add_subtract(expr):
            total, number, sign = 0, 0, 1
            for c in expr + "+":
                if c.isdigit():
                    number = number * 10 + int(c)
                else:
                    total += sign * number
                    number, sign = 0, (1 if c == "+" else -1)
            return total
        """,
        """
        add_subtract("10+5-3") == 12
        add_subtract("7") == 7
        add_subtract("0") == 0
        add_subtract("1-2-3") == -4
        add_subtract("100+200+300") == 600
        add_subtract("5-5") == 0
        """,
    ),
    fn(
        "medium",
        "returns True if the string `ip` is a valid IPv4 address: four decimal numbers from 0 to 255 "
        'separated by dots, each without a leading zero unless it is just "0".',
        """
        def is_valid_ipv4(ip):
            parts = ip.split(".")
            if len(parts) != 4:
                return False
            for p in parts:
                if not p.isdigit() or (len(p) > 1 and p[0] == "0") or int(p) > 255:
                    return False
            return True
        """,
        """
        is_valid_ipv4("192.168.1.1") == True
        is_valid_ipv4("0.0.0.0") == True
        is_valid_ipv4("256.1.1.1") == False
        is_valid_ipv4("1.2.3") == False
        is_valid_ipv4("01.2.3.4") == False
        is_valid_ipv4("1.2.3.a") == False
        is_valid_ipv4("") == False
        """,
    ),
    fn(
        "medium",
        "compares two version strings `a` and `b` made of non-negative integers separated by dots (like "
        '"1.10.2"). Returns 1 if `a` is newer, -1 if `b` is newer, 0 if equal. Missing parts count as 0, '
        'so "1.0" equals "1".',
        """
        def compare_versions(a, b):
            xs = [int(p) for p in a.split(".")]
            ys = [int(p) for p in b.split(".")]
            n = max(len(xs), len(ys))
            xs += [0] * (n - len(xs))
            ys += [0] * (n - len(ys))
            return (xs > ys) - (xs < ys)
        """,
        """
        compare_versions("1.2", "1.10") == -1
        compare_versions("2.0", "1.9.9") == 1
        compare_versions("2.0.0", "2") == 0
        compare_versions("3", "3") == 0
        compare_versions("0.0.1", "0") == 1
        compare_versions("4.07", "4.7") == 0
        """,
    ),
    fn(
        "easy",
        "returns True if `color` is a hex colour code: a '#' followed by exactly 6 characters that are digits "
        "or letters a-f (either case).",
        """
        def is_hex_color(color):
            return len(color) == 7 and color[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in color[1:])
        """,
        """
        is_hex_color("#1a2B3c") == True
        is_hex_color("#FFFFFF") == True
        is_hex_color("123456") == False
        is_hex_color("#12345") == False
        is_hex_color("#12345g") == False
        is_hex_color("") == False
        """,
    ),
    fn(
        "medium",
        'converts a hex colour code `color` of the form "#RRGGBB" into a list of three integers [red, green, '
        "blue], each from 0 to 255.",
        """
        def hex_to_rgb(color):
            return [int(color[i : i + 2], 16) for i in (1, 3, 5)]
        """,
        """
        hex_to_rgb("#FF0000") == [255, 0, 0]
        hex_to_rgb("#000000") == [0, 0, 0]
        hex_to_rgb("#ffffff") == [255, 255, 255]
        hex_to_rgb("#10203a") == [16, 32, 58]
        hex_to_rgb("#0A0b0C") == [10, 11, 12]
        """,
    ),
    fn(
        "medium",
        'parses a duration string `d` such as "1h30m", "45m", "2h" or "1h5m20s" (hours, minutes and '
        "seconds, each optional, always in that order) and returns the total number of seconds.",
        """
        def duration_seconds(d):
            total, number = 0, 0
            for c in d:
                if c.isdigit():
                    number = number * 10 + int(c)
                else:
                    total += number * {"h": 3600, "m": 60, "s": 1}[c]
                    number = 0
            return total
        """,
        """
        duration_seconds("1h30m") == 5400
        duration_seconds("45m") == 2700
        duration_seconds("2h") == 7200
        duration_seconds("1h5m20s") == 3920
        duration_seconds("0s") == 0
        duration_seconds("") == 0
        duration_seconds("90s") == 90
        """,
    ),
    fn(
        "medium",
        'takes a date string `date` in the form "YYYY-MM-DD" and returns it as "DD/MM/YYYY".',
        """
        def reformat_date(date):
            y, m, d = date.split("-")
            return f"{d}/{m}/{y}"
        """,
        """
        reformat_date("2024-03-15") == "15/03/2024"
        reformat_date("1999-12-31") == "31/12/1999"
        reformat_date("2000-01-01") == "01/01/2000"
        reformat_date("0001-02-03") == "03/02/0001"
        reformat_date("2023-10-09") == "09/10/2023"
        """,
    ),
    fn(
        "medium",
        'returns the day of the year (1 to 366) of the date string `date` in the form "YYYY-MM-DD". Leap '
        "years (divisible by 4, except centuries not divisible by 400) give February 29 days.",
        """
        def day_of_year(date):
            y, m, d = (int(x) for x in date.split("-"))
            leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
            months = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return sum(months[: m - 1]) + d
        """,
        """
        day_of_year("2023-01-01") == 1
        day_of_year("2023-02-01") == 32
        day_of_year("2023-12-31") == 365
        day_of_year("2024-12-31") == 366
        day_of_year("2024-03-01") == 61
        day_of_year("1900-03-01") == 60
        """,
    ),
    fn(
        "medium",
        "splits a comma-separated line `line` into its fields, removing spaces around each field. An empty "
        "line gives an empty list.",
        """
        def split_fields(line):
            return [f.strip() for f in line.split(",")] if line.strip() else []
        """,
        """
        split_fields("a, b ,c") == ["a", "b", "c"]
        split_fields("") == []
        split_fields("single") == ["single"]
        split_fields("x,,y") == ["x", "", "y"]
        split_fields(" 1 , 2 ") == ["1", "2"]
        """,
    ),
    fn(
        "medium",
        "converts the Roman numeral `s` (using I, V, X, L, C, D, M with the usual subtractive pairs such as IV "
        "and CM) to an integer.",
        """
        def from_roman(s):
            values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
            total = 0
            for i, c in enumerate(s):
                if i + 1 < len(s) and values[c] < values[s[i + 1]]:
                    total -= values[c]
                else:
                    total += values[c]
            return total
        """,
        """
        from_roman("II") == 2
        from_roman("XIV") == 14
        from_roman("XLIX") == 49
        from_roman("CDXLIV") == 444
        from_roman("MMXXVI") == 2026
        from_roman("") == 0
        """,
    ),
    fn(
        "easy",
        "returns the query part of the URL `url` (everything after the first '?'), or an empty string if "
        "there is none.",
        """
        def query_string(url):
            return url.split("?", 1)[1] if "?" in url else ""
        """,
        """
        query_string("http://x.org/page?a=1&b=2") == "a=1&b=2"
        query_string("http://x.org/page") == ""
        query_string("") == ""
        query_string("?q") == "q"
        query_string("/p?x=1?y=2") == "x=1?y=2"
        """,
    ),
    fn(
        "medium",
        'takes the query string `q` of a URL, like "a=1&b=hello", and returns a dictionary from names to '
        "values (strings). A piece without '=' maps to an empty string; an empty `q` gives an empty dictionary.",
        """
        def parse_query(q):
            out = {}
            for piece in q.split("&"):
                if piece:
                    name, _, value = piece.partition("=")
                    out[name] = value
            return out
        """,
        """
        parse_query("a=1&b=hello") == {"a": "1", "b": "hello"}
        parse_query("") == {}
        parse_query("flag") == {"flag": ""}
        parse_query("x=1&x=2") == {"x": "2"}
        parse_query("k=v&&m=") == {"k": "v", "m": ""}
        """,
    ),
    fn(
        "easy",
        "returns the number of lines in the text `text`, where lines are separated by newline characters. "
        "An empty text has 0 lines and a final newline does not start a new line.",
        """
        def count_lines(text):
            return len(text.splitlines())
        """,
        """
        count_lines("a\\nb\\nc") == 3
        count_lines("") == 0
        count_lines("one line") == 1
        count_lines("x\\n") == 1
        count_lines("\\n\\n") == 2
        """,
    ),
    fn(
        "medium",
        'takes a price string `price` like "$1,234.50" (a dollar sign, optional thousands commas, optional '
        "cents) and returns the amount in whole cents as an integer.",
        """
        def price_to_cents(price):
            digits = price.replace("$", "").replace(",", "")
            dollars, _, cents = digits.partition(".")
            return int(dollars) * 100 + int((cents + "00")[:2])
        """,
        """
        price_to_cents("$1,234.50") == 123450
        price_to_cents("$0.99") == 99
        price_to_cents("$5") == 500
        price_to_cents("$0") == 0
        price_to_cents("$10.5") == 1050
        price_to_cents("$1,000,000.01") == 100000001
        """,
    ),
    fn(
        "medium",
        "returns the list of hashtags in the text `text`: the words (separated by spaces) that start with '#' "
        "and have at least one more character, without the '#', in order of appearance.",
        """
        def hashtags(text):
            return [w[1:] for w in text.split() if w.startswith("#") and len(w) > 1]
        """,
        """
        hashtags("I love #python and #code") == ["python", "code"]
        hashtags("") == []
        hashtags("no tags here") == []
        hashtags("# alone") == []
        hashtags("#a #a") == ["a", "a"]
        hashtags("mid#word #end") == ["end"]
        """,
    ),
    fn(
        "medium",
        "returns True if `s` is a valid identifier in this simple sense: it is non-empty, starts with a letter "
        "or underscore, and contains only letters, digits and underscores (letters are a-z and A-Z).",
        """
        def is_identifier(s):
            letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
            return s != "" and s[0] in letters and all(c in letters or c in "0123456789" for c in s)
        """,
        """
        is_identifier("my_var1") == True
        is_identifier("_x") == True
        is_identifier("1abc") == False
        is_identifier("") == False
        is_identifier("a-b") == False
        is_identifier("Z") == True
        """,
    ),
    fn(
        "medium",
        'takes a list `lines` of strings in the form "name: score" and returns the name with the highest '
        "integer score (the first one on a tie), or None if the list is empty.",
        """
        def best_scorer(lines):
            best_name, best_score = None, None
            for line in lines:
                name, score = line.split(":")
                if best_score is None or int(score) > best_score:
                    best_name, best_score = name.strip(), int(score)
            return best_name
        """,
        """
        best_scorer(["ann: 5", "bob: 9", "cy: 7"]) == "bob"
        best_scorer([]) == None
        best_scorer(["solo: -3"]) == "solo"
        best_scorer(["a: 4", "b: 4"]) == "a"
        best_scorer(["x: 0", "y: -1"]) == "x"
        """,
    ),
    fn(
        "medium",
        'converts a number of seconds `secs` (0 or more) into a string "H:MM:SS", where hours have no '
        "padding and minutes and seconds always have two digits.",
        """
        def format_duration(secs):
            return f"{secs // 3600}:{secs % 3600 // 60:02d}:{secs % 60:02d}"
        """,
        """
        format_duration(3661) == "1:01:01"
        format_duration(0) == "0:00:00"
        format_duration(59) == "0:00:59"
        format_duration(3600) == "1:00:00"
        format_duration(86399) == "23:59:59"
        format_duration(90061) == "25:01:01"
        """,
    ),
    fn(
        "easy",
        "returns the digit string `digits` with a comma between each group of three digits, counting from "
        'the right ("1234567" becomes "1,234,567").',
        """
        def group_thousands(digits):
            out = ""
            for i, c in enumerate(reversed(digits)):
                if i and i % 3 == 0:
                    out = "," + out
                out = c + out
            return out
        """,
        """
        group_thousands("1234567") == "1,234,567"
        group_thousands("") == ""
        group_thousands("12") == "12"
        group_thousands("123") == "123"
        group_thousands("1000") == "1,000"
        group_thousands("123456") == "123,456"
        """,
    ),
]
