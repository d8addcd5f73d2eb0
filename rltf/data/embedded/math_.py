"""Arithmetic and number problems (call style)."""

from rltf.data.embedded._define import fn

PROBLEMS = [
    fn(
        "easy",
        "returns True if the integer `n` is even, otherwise False.",
        """
        def is_even(n):
            return n % 2 == 0
        """,
        """
        is_even(4) == True
        is_even(7) == False
        is_even(0) == True
        is_even(-3) == False
        is_even(-8) == True
        """,
    ),
    fn(
        "easy",
        "returns the largest of the three numbers `a`, `b` and `c`.",
        """
        def max_of_three(a, b, c):
            return max(a, b, c)
        """,
        """
        max_of_three(1, 5, 3) == 5
        max_of_three(9, 2, 4) == 9
        max_of_three(1, 2, 8) == 8
        max_of_three(-1, -5, -3) == -1
        max_of_three(7, 7, 7) == 7
        max_of_three(0, 0, -1) == 0
        """,
    ),
    fn(
        "easy",
        "returns the sum of the integers from 1 to `n` inclusive (0 when `n` is 0 or negative).",
        """
        def sum_up_to(n):
            return n * (n + 1) // 2 if n > 0 else 0
        """,
        """
        sum_up_to(4) == 10
        sum_up_to(1) == 1
        sum_up_to(0) == 0
        sum_up_to(-4) == 0
        sum_up_to(20) == 210
        sum_up_to(1000) == 500500
        """,
    ),
    fn(
        "easy",
        "returns `n` factorial (1 * 2 * ... * n) for a non-negative integer `n`; 0 factorial is 1.",
        """
        def factorial(n):
            result = 1
            for i in range(2, n + 1):
                result *= i
            return result
        """,
        """
        factorial(5) == 120
        factorial(0) == 1
        factorial(1) == 1
        factorial(3) == 6
        factorial(10) == 3628800
        """,
    ),
    fn(
        "easy",
        "returns the absolute difference between the numbers `a` and `b`.",
        """
        def distance(a, b):
            return abs(a - b)
        """,
        """
        distance(3, 10) == 7
        distance(10, 3) == 7
        distance(0, 0) == 0
        distance(-4, 4) == 8
        distance(-2, -9) == 7
        """,
    ),
    fn(
        "easy",
        "returns the sum of the decimal digits of the integer `n`. For a negative `n`, ignore the sign.",
        """
        def digit_sum(n):
            return sum(int(d) for d in str(abs(n)))
        """,
        """
        digit_sum(123) == 6
        digit_sum(0) == 0
        digit_sum(9) == 9
        digit_sum(-45) == 9
        digit_sum(1001) == 2
        digit_sum(99999) == 45
        """,
    ),
    fn(
        "easy",
        "returns the number of decimal digits of the integer `n` (the sign does not count; 0 has one digit).",
        """
        def count_digits(n):
            return len(str(abs(n)))
        """,
        """
        count_digits(12345) == 5
        count_digits(0) == 1
        count_digits(-7) == 1
        count_digits(100) == 3
        count_digits(-9876) == 4
        """,
    ),
    fn(
        "easy",
        "returns True if the integer `n` is a prime number, otherwise False. Numbers below 2 are not prime.",
        """
        def is_prime(n):
            if n < 2:
                return False
            i = 2
            while i * i <= n:
                if n % i == 0:
                    return False
                i += 1
            return True
        """,
        """
        is_prime(7) == True
        is_prime(1) == False
        is_prime(0) == False
        is_prime(-5) == False
        is_prime(2) == True
        is_prime(9) == False
        is_prime(97) == True
        """,
    ),
    fn(
        "easy",
        "returns the greatest common divisor of the non-negative integers `a` and `b` "
        "(the gcd of a number and 0 is the number itself).",
        """
        def gcd(a, b):
            while b:
                a, b = b, a % b
            return a
        """,
        """
        gcd(12, 18) == 6
        gcd(7, 5) == 1
        gcd(0, 9) == 9
        gcd(9, 0) == 9
        gcd(100, 10) == 10
        gcd(21, 14) == 7
        """,
    ),
    fn(
        "easy",
        "converts a temperature `c` in degrees Celsius to Fahrenheit using F = C * 9 / 5 + 32, rounded to "
        "1 decimal place.",
        """
        def celsius_to_fahrenheit(c):
            return round(c * 9 / 5 + 32, 1)
        """,
        """
        celsius_to_fahrenheit(0) == 32.0
        celsius_to_fahrenheit(100) == 212.0
        celsius_to_fahrenheit(-40) == -40.0
        celsius_to_fahrenheit(37) == 98.6
        celsius_to_fahrenheit(21.5) == 70.7
        """,
    ),
    fn(
        "easy",
        "returns the integer `n` with its decimal digits reversed, keeping the sign (e.g. -120 gives -21).",
        """
        def reverse_digits(n):
            r = int(str(abs(n))[::-1])
            return -r if n < 0 else r
        """,
        """
        reverse_digits(123) == 321
        reverse_digits(-120) == -21
        reverse_digits(0) == 0
        reverse_digits(5) == 5
        reverse_digits(1000) == 1
        reverse_digits(-78) == -87
        """,
    ),
    fn(
        "easy",
        "returns the sign of the number `x`: 1 if it is positive, -1 if it is negative, 0 if it is zero.",
        """
        def sign(x):
            return (x > 0) - (x < 0)
        """,
        """
        sign(5) == 1
        sign(-3) == -1
        sign(0) == 0
        sign(0.5) == 1
        sign(-1000) == -1
        """,
    ),
    fn(
        "easy",
        "returns True if `year` is a leap year: divisible by 4, except years divisible by 100 unless they "
        "are also divisible by 400.",
        """
        def is_leap_year(year):
            return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        """,
        """
        is_leap_year(2024) == True
        is_leap_year(2023) == False
        is_leap_year(1900) == False
        is_leap_year(2000) == True
        is_leap_year(4) == True
        is_leap_year(2100) == False
        """,
    ),
    fn(
        "easy",
        "returns the sum of all integers from 1 up to `n` inclusive that are multiples of 3 or 5.",
        """
        def sum_multiples_3_or_5(n):
            return sum(i for i in range(1, n + 1) if i % 3 == 0 or i % 5 == 0)
        """,
        """
        sum_multiples_3_or_5(10) == 33
        sum_multiples_3_or_5(0) == 0
        sum_multiples_3_or_5(2) == 0
        sum_multiples_3_or_5(3) == 3
        sum_multiples_3_or_5(15) == 60
        """,
    ),
    fn(
        "easy",
        "returns the `n`-th Fibonacci number, where fib(0) = 0, fib(1) = 1 and each next number is the sum of "
        "the two before it.",
        """
        def fib(n):
            a, b = 0, 1
            for _ in range(n):
                a, b = b, a + b
            return a
        """,
        """
        fib(0) == 0
        fib(1) == 1
        fib(3) == 2
        fib(12) == 144
        fib(10) == 55
        fib(20) == 6765
        """,
    ),
    fn(
        "easy",
        "returns the list of all positive divisors of the positive integer `n`, in ascending order.",
        """
        def divisors(n):
            return [d for d in range(1, n + 1) if n % d == 0]
        """,
        """
        divisors(12) == [1, 2, 3, 4, 6, 12]
        divisors(1) == [1]
        divisors(7) == [1, 7]
        divisors(16) == [1, 2, 4, 8, 16]
        divisors(30) == [1, 2, 3, 5, 6, 10, 15, 30]
        """,
    ),
    fn(
        "easy",
        "returns the area of a rectangle with width `w` and height `h`, or 0 if either side is negative.",
        """
        def rectangle_area(w, h):
            return 0 if w < 0 or h < 0 else w * h
        """,
        """
        rectangle_area(3, 4) == 12
        rectangle_area(0, 5) == 0
        rectangle_area(-2, 5) == 0
        rectangle_area(5, -1) == 0
        rectangle_area(7, 7) == 49
        """,
    ),
    fn(
        "easy",
        "returns `x` clamped to the range [`low`, `high`]: `low` if `x` is below it, `high` if `x` is above "
        "it, otherwise `x`. Assume low <= high.",
        """
        def clamp(x, low, high):
            return max(low, min(x, high))
        """,
        """
        clamp(5, 0, 10) == 5
        clamp(-3, 0, 10) == 0
        clamp(12, 0, 10) == 10
        clamp(0, 0, 0) == 0
        clamp(10, 0, 10) == 10
        clamp(-7, -5, -1) == -5
        """,
    ),
    fn(
        "medium",
        "returns the least common multiple of the positive integers `a` and `b`.",
        """
        def lcm(a, b):
            x, y = a, b
            while y:
                x, y = y, x % y
            return a * b // x
        """,
        """
        lcm(4, 6) == 12
        lcm(1, 9) == 9
        lcm(5, 5) == 5
        lcm(7, 3) == 21
        lcm(12, 18) == 36
        """,
    ),
    fn(
        "medium",
        "returns the binary representation of the non-negative integer `n` as a string of 0s and 1s, "
        "without any prefix.",
        """
        def to_binary(n):
            return bin(n)[2:]
        """,
        """
        to_binary(5) == "101"
        to_binary(0) == "0"
        to_binary(1) == "1"
        to_binary(8) == "1000"
        to_binary(255) == "11111111"
        """,
    ),
    fn(
        "medium",
        "converts the string `bits` of 0s and 1s to the integer it represents in binary.",
        """
        def from_binary(bits):
            value = 0
            for b in bits:
                value = value * 2 + int(b)
            return value
        """,
        """
        from_binary("101") == 5
        from_binary("0") == 0
        from_binary("1") == 1
        from_binary("1000") == 8
        from_binary("0011") == 3
        from_binary("11111111") == 255
        """,
    ),
    fn(
        "medium",
        "returns the list of prime factors of the integer `n` (n >= 2) in ascending order, each repeated as "
        "often as it divides `n`.",
        """
        def prime_factors(n):
            out, d = [], 2
            while d * d <= n:
                while n % d == 0:
                    out.append(d)
                    n //= d
                d += 1
            if n > 1:
                out.append(n)
            return out
        """,
        """
        prime_factors(12) == [2, 2, 3]
        prime_factors(2) == [2]
        prime_factors(97) == [97]
        prime_factors(100) == [2, 2, 5, 5]
        prime_factors(30) == [2, 3, 5]
        prime_factors(1024) == [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
        """,
    ),
    fn(
        "medium",
        "returns True if the positive integer `n` is a perfect number: equal to the sum of its positive "
        "divisors other than itself.",
        """
        def is_perfect(n):
            return n == sum(d for d in range(1, n) if n % d == 0)
        """,
        """
        is_perfect(6) == True
        is_perfect(28) == True
        is_perfect(1) == False
        is_perfect(12) == False
        is_perfect(496) == True
        is_perfect(8) == False
        """,
    ),
    fn(
        "medium",
        "returns how many steps the Collatz process takes to reach 1 from the positive integer `n`: if the "
        "number is even halve it, otherwise replace it with 3 times it plus 1.",
        """
        def collatz_steps(n):
            steps = 0
            while n != 1:
                n = n // 2 if n % 2 == 0 else 3 * n + 1
                steps += 1
            return steps
        """,
        """
        collatz_steps(1) == 0
        collatz_steps(2) == 1
        collatz_steps(6) == 8
        collatz_steps(7) == 16
        collatz_steps(16) == 4
        """,
    ),
    fn(
        "medium",
        "returns True if the non-negative integer `n` is a perfect square (the square of an integer).",
        """
        def is_square(n):
            r = int(n**0.5)
            while r * r > n:
                r -= 1
            while (r + 1) * (r + 1) <= n:
                r += 1
            return r * r == n
        """,
        """
        is_square(49) == True
        is_square(0) == True
        is_square(1) == True
        is_square(15) == False
        is_square(2) == False
        is_square(10000) == True
        """,
    ),
    fn(
        "medium",
        "returns the list of all prime numbers less than or equal to `n`, in ascending order.",
        """
        def primes_up_to(n):
            if n < 2:
                return []
            sieve = [True] * (n + 1)
            sieve[0] = sieve[1] = False
            for i in range(2, int(n**0.5) + 1):
                if sieve[i]:
                    for j in range(i * i, n + 1, i):
                        sieve[j] = False
            return [i for i, p in enumerate(sieve) if p]
        """,
        """
        primes_up_to(10) == [2, 3, 5, 7]
        primes_up_to(1) == []
        primes_up_to(2) == [2]
        primes_up_to(0) == []
        primes_up_to(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
        """,
    ),
    fn(
        "medium",
        "returns True if the positive integer `n` is an Armstrong number: the sum of its digits, each raised "
        "to the power of the number of digits, equals `n` (e.g. 153 = 1**3 + 5**3 + 3**3).",
        """
        def is_armstrong(n):
            digits = str(n)
            return n == sum(int(d) ** len(digits) for d in digits)
        """,
        """
        is_armstrong(153) == True
        is_armstrong(9) == True
        is_armstrong(10) == False
        is_armstrong(370) == True
        is_armstrong(100) == False
        is_armstrong(9474) == True
        """,
    ),
    fn(
        "medium",
        "repeatedly replaces the non-negative integer `n` by the sum of its digits until a single digit "
        "remains, and returns that digit.",
        """
        def digital_root(n):
            while n >= 10:
                n = sum(int(d) for d in str(n))
            return n
        """,
        """
        digital_root(47) == 2
        digital_root(0) == 0
        digital_root(7) == 7
        digital_root(99999) == 9
        digital_root(1234) == 1
        """,
    ),
    fn(
        "medium",
        "converts the positive integer `n` (1 to 3999) to a Roman numeral string.",
        """
        def to_roman(n):
            table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                     (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
            out = ""
            for value, letters in table:
                while n >= value:
                    out += letters
                    n -= value
            return out
        """,
        """
        to_roman(2) == "II"
        to_roman(14) == "XIV"
        to_roman(49) == "XLIX"
        to_roman(444) == "CDXLIV"
        to_roman(2026) == "MMXXVI"
        to_roman(3999) == "MMMCMXCIX"
        """,
    ),
    fn(
        "medium",
        "returns `base` raised to the non-negative integer power `exp`, modulo `mod` (mod >= 1).",
        """
        def power_mod(base, exp, mod):
            return pow(base, exp, mod)
        """,
        """
        power_mod(2, 10, 1000) == 24
        power_mod(3, 0, 7) == 1
        power_mod(5, 3, 1) == 0
        power_mod(7, 2, 10) == 9
        power_mod(10, 18, 7) == 1
        """,
    ),
    fn(
        "medium",
        "returns the number of trailing zeros in `n` factorial for a non-negative integer `n`.",
        """
        def factorial_zeros(n):
            count = 0
            while n:
                n //= 5
                count += n
            return count
        """,
        """
        factorial_zeros(7) == 1
        factorial_zeros(0) == 0
        factorial_zeros(4) == 0
        factorial_zeros(24) == 4
        factorial_zeros(25) == 6
        factorial_zeros(100) == 24
        """,
    ),
    fn(
        "easy",
        "returns the number of minutes in `hours` hours and `minutes` minutes.",
        """
        def total_minutes(hours, minutes):
            return hours * 60 + minutes
        """,
        """
        total_minutes(1, 30) == 90
        total_minutes(0, 0) == 0
        total_minutes(0, 45) == 45
        total_minutes(2, 0) == 120
        total_minutes(24, 1) == 1441
        """,
    ),
    fn(
        "easy",
        "returns the number of whole boxes needed to pack `items` items when each box holds `per_box` items "
        "(a partly filled box still counts). `per_box` is at least 1.",
        """
        def boxes_needed(items, per_box):
            return (items + per_box - 1) // per_box
        """,
        """
        boxes_needed(10, 3) == 4
        boxes_needed(0, 5) == 0
        boxes_needed(9, 3) == 3
        boxes_needed(1, 100) == 1
        boxes_needed(7, 1) == 7
        """,
    ),
    fn(
        "medium",
        "returns the integer square root of the non-negative integer `n`: the largest integer r with r * r <= n.",
        """
        def int_sqrt(n):
            lo, hi = 0, n
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if mid * mid <= n:
                    lo = mid
                else:
                    hi = mid - 1
            return lo
        """,
        """
        int_sqrt(16) == 4
        int_sqrt(17) == 4
        int_sqrt(0) == 0
        int_sqrt(1) == 1
        int_sqrt(99) == 9
        int_sqrt(1000000) == 1000
        """,
    ),
    fn(
        "medium",
        "returns the number of ways to choose `k` items out of `n` distinct items (the binomial coefficient); "
        "0 when `k` is negative or greater than `n`.",
        """
        def choose(n, k):
            if k < 0 or k > n:
                return 0
            result = 1
            for i in range(1, k + 1):
                result = result * (n - k + i) // i
            return result
        """,
        """
        choose(5, 2) == 10
        choose(5, 0) == 1
        choose(5, 5) == 1
        choose(3, 4) == 0
        choose(4, -1) == 0
        choose(10, 3) == 120
        """,
    ),
    fn(
        "easy",
        "returns the list of the first `n` positive multiples of `k` (k, 2k, 3k, ...).",
        """
        def multiples(k, n):
            return [k * i for i in range(1, n + 1)]
        """,
        """
        multiples(3, 4) == [3, 6, 9, 12]
        multiples(5, 0) == []
        multiples(7, 1) == [7]
        multiples(-2, 3) == [-2, -4, -6]
        multiples(0, 2) == [0, 0]
        """,
    ),
    fn(
        "medium",
        "converts the non-negative integer `n` to a string in base `base` (2 to 16), using the digits "
        "0-9 and the upper-case letters A-F.",
        """
        def to_base(n, base):
            digits = "0123456789ABCDEF"
            out = ""
            while True:
                out = digits[n % base] + out
                n //= base
                if n == 0:
                    return out
        """,
        """
        to_base(255, 16) == "FF"
        to_base(0, 2) == "0"
        to_base(10, 2) == "1010"
        to_base(64, 8) == "100"
        to_base(35, 16) == "23"
        to_base(5, 10) == "5"
        """,
    ),
    fn(
        "easy",
        "returns the sum of the two numbers `a` and `b`.",
        """
        def add(a, b):
            return a + b
        """,
        """
        add(2, 3) == 5
        add(0, 0) == 0
        add(-4, 4) == 0
        add(-2, -8) == -10
        add(100, 23) == 123
        """,
    ),
    fn(
        "easy",
        "returns the square of the number `n`.",
        """
        def square(n):
            return n * n
        """,
        """
        square(3) == 9
        square(0) == 0
        square(-4) == 16
        square(1) == 1
        square(12) == 144
        """,
    ),
    fn(
        "easy",
        "returns True if the integer `n` is odd, otherwise False.",
        """
        def is_odd(n):
            return n % 2 == 1
        """,
        """
        is_odd(3) == True
        is_odd(4) == False
        is_odd(0) == False
        is_odd(-7) == True
        is_odd(-2) == False
        """,
    ),
    fn(
        "easy",
        "returns the smaller of the two numbers `a` and `b`.",
        """
        def min_of_two(a, b):
            return a if a < b else b
        """,
        """
        min_of_two(3, 8) == 3
        min_of_two(8, 3) == 3
        min_of_two(5, 5) == 5
        min_of_two(-1, 0) == -1
        min_of_two(0, -10) == -10
        """,
    ),
    fn(
        "easy",
        "returns the last decimal digit of the integer `n` (for a negative `n`, of its absolute value).",
        """
        def last_digit(n):
            return abs(n) % 10
        """,
        """
        last_digit(123) == 3
        last_digit(0) == 0
        last_digit(7) == 7
        last_digit(-45) == 5
        last_digit(1000) == 0
        """,
    ),
    fn(
        "easy",
        "returns True if the integer `a` is divisible by the non-zero integer `b`, otherwise False.",
        """
        def is_divisible(a, b):
            return a % b == 0
        """,
        """
        is_divisible(10, 5) == True
        is_divisible(10, 3) == False
        is_divisible(0, 7) == True
        is_divisible(-9, 3) == True
        is_divisible(7, 7) == True
        is_divisible(1, 2) == False
        """,
    ),
    fn(
        "easy",
        "returns the cube of the number `n` (n * n * n).",
        """
        def cube(n):
            return n * n * n
        """,
        """
        cube(2) == 8
        cube(0) == 0
        cube(-3) == -27
        cube(1) == 1
        cube(10) == 1000
        """,
    ),
    fn(
        "easy",
        "returns what percentage `part` is of `whole` (a positive number), rounded to the nearest whole number "
        "with Python's round().",
        """
        def percent_of(part, whole):
            return round(part * 100 / whole)
        """,
        """
        percent_of(1, 4) == 25
        percent_of(0, 10) == 0
        percent_of(10, 10) == 100
        percent_of(1, 3) == 33
        percent_of(30, 20) == 150
        percent_of(2, 3) == 67
        """,
    ),
]
