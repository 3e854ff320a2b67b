#!/usr/bin/env python3
"""Generates a realistic trilingual help center of N articles for the build benchmark.

Usage: bench/generate_site.py N OUT_DIR

Articles are split evenly over English, Arabic and Polish, with the same paths in each
language (so they are translations). They sit in twelve categories as large help centers keep
them: a third directly in a category, the rest in its six sections, and a tenth of those one
level deeper in a subsection. Each has front matter, headings, lists, a table, code now and
then, and links to other articles. Words are drawn from a Zipf-like distribution over a
vocabulary per language plus product names and order numbers, so the number of distinct
words grows with N as it does in real help centers. The seed is fixed: the same N always
gives the same site.
"""
import os
import random
import sys

WORDS = {
    "en": """order parcel delivery refund return payment account password invoice courier address card
    shipping tracking number email phone customer support item size colour exchange voucher discount code
    warehouse label box damaged faulty warranty complaint receipt bank transfer paypal wallet store pickup
    locker express standard international customs duty tax business company profile login reset verify
    cancel change update delivery time days hours weekend holiday status message notification app website
    checkout basket cart price total fee cost free threshold weight package fragile glass textile cotton
    wool linen towel blanket pillow curtain rug lamp vase candle mug plate bowl cup glassware kitchen
    bedroom bathroom living garden outdoor gift wrap note birthday wedding season sale promotion newsletter
    subscribe unsubscribe privacy data delete export consent cookie security fraud scam phishing chargeback""".split(),
    "pl": """zamówienie przesyłka dostawa zwrot płatność konto hasło faktura kurier adres karta wysyłka
    śledzenie numer email telefon klient pomoc produkt rozmiar kolor wymiana bon rabat kod magazyn etykieta
    pudełko uszkodzony wadliwy gwarancja reklamacja paragon przelew portfel sklep odbiór paczkomat ekspres
    standard zagranica cło podatek firma profil logowanie reset weryfikacja anulowanie zmiana aktualizacja
    czas dni godziny weekend święto status wiadomość powiadomienie aplikacja strona koszyk cena suma opłata
    koszt darmowa próg waga paczka delikatny szkło tkanina bawełna wełna len ręcznik koc poduszka zasłona
    dywan lampa wazon świeca kubek talerz miska filiżanka kuchnia sypialnia łazienka salon ogród prezent
    opakowanie urodziny ślub sezon wyprzedaż promocja newsletter prywatność dane usunięcie zgoda
    bezpieczeństwo oszustwo pieniądze zwrotu zwroty przesyłki płatności zamówienia reklamacji""".split(),
    "ar": """طلب شحنة توصيل استرجاع إرجاع دفع حساب كلمة المرور فاتورة مندوب عنوان بطاقة شحن تتبع رقم
    بريد هاتف عميل دعم منتج مقاس لون استبدال قسيمة خصم رمز مستودع ملصق صندوق تالف معيب ضمان شكوى إيصال
    تحويل محفظة متجر استلام خزانة سريع عادي دولي جمارك رسوم ضريبة شركة ملف دخول إعادة تحقق إلغاء تغيير
    تحديث وقت أيام ساعات عطلة حالة رسالة إشعار تطبيق موقع سلة سعر مجموع تكلفة مجاني حد وزن طرد هش زجاج
    قماش قطن صوف كتان منشفة بطانية وسادة ستارة سجادة مصباح مزهرية شمعة كوب صحن وعاء مطبخ غرفة حمام
    حديقة هدية تغليف عيد زفاف موسم تخفيضات عرض نشرة خصوصية بيانات حذف موافقة أمان احتيال المبلغ""".split(),
}
CATEGORIES = ["orders", "shipping", "returns", "payments", "account", "products", "business", "stores",
              "gifts", "services", "security", "community"]
SECTIONS = 6


def folder_of(index):
    """The folder of article `index` under its language, the same in every language."""
    category = CATEGORIES[index % len(CATEGORIES)]
    place = (index // len(CATEGORIES)) % 9
    if place < 3:
        return category
    section = f"{category}/section-{place - 2}"
    if (index // (len(CATEGORIES) * 9)) % 10 == 0:
        return f"{section}/more"
    return section


def zipf_choice(rng, words):
    # Rank r is drawn with probability about 1/r: a few words are everywhere, most are rare.
    index = int(len(words) ** rng.random()) - 1
    return words[min(max(index, 0), len(words) - 1)]


def sentence(rng, lang, vocabulary, length):
    words = [zipf_choice(rng, vocabulary) for _ in range(length)]
    if rng.random() < 0.3:
        words.append(f"JL-{rng.randrange(100000, 999999)}")
    if rng.random() < 0.2:
        words.append(f"model-{rng.choice('ABCDEFGH')}{rng.randrange(100, 9999)}")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "." if lang != "ar" else text + "."


def article(rng, lang, index, count, vocabulary):
    title = " ".join(zipf_choice(rng, vocabulary) for _ in range(rng.randrange(3, 7))).capitalize()
    description = sentence(rng, lang, vocabulary, rng.randrange(8, 16))
    tags = sorted({zipf_choice(rng, vocabulary[:40]) for _ in range(rng.randrange(1, 4))})
    lines = ["+++", f'title = "{title} {index}"', f'description = "{description}"',
             "tags = [" + ", ".join(f'"{t}"' for t in tags) + "]",
             f"updated = 20{rng.randrange(24, 27)}-{rng.randrange(1, 13):02}-{rng.randrange(1, 29):02}",
             f"weight = {rng.randrange(1, 50)}"]
    if rng.random() < 0.03:
        lines.append("promoted = true")
    lines += ["+++", "", sentence(rng, lang, vocabulary, 20), ""]
    for h in range(rng.randrange(3, 6)):
        lines += [f"## {sentence(rng, lang, vocabulary, 4)[:-1]}", ""]
        lines += [" ".join(sentence(rng, lang, vocabulary, rng.randrange(10, 25)) for _ in range(rng.randrange(2, 5))), ""]
        if h == 1:
            lines += [f"{i}. {sentence(rng, lang, vocabulary, 8)}" for i in range(1, rng.randrange(3, 6))] + [""]
        if h == 2 and rng.random() < 0.5:
            lines += ["| a | b | c |", "|---|---|---|"]
            lines += [f"| {zipf_choice(rng, vocabulary)} | {rng.randrange(1, 500)} | {zipf_choice(rng, vocabulary)} |" for _ in range(4)]
            lines += [""]
    if rng.random() < 0.1:
        lines += ["```json", '{"order": "JL-%d", "status": "shipped"}' % rng.randrange(100000, 999999), "```", ""]
    other = rng.randrange(count)
    target = os.path.relpath(f"{folder_of(other)}/article-{other}.md", folder_of(index))
    lines += [f"See also [{zipf_choice(rng, vocabulary)}]({target}).", ""]
    return "\n".join(lines)


def main():
    total, out = int(sys.argv[1]), sys.argv[2]
    per_language = max(1, total // 3)
    with open(os.path.join(out, "book.toml"), "w", encoding="utf-8") as f:
        f.write('[site]\ntitle = "Benchmark Help"\nbase_url = "https://help.example.com"\nlanguages = ["en", "ar", "pl"]\n')
    for lang, vocabulary in WORDS.items():
        rng = random.Random(f"{lang}-{total}")
        folders = sorted({folder_of(index) for index in range(per_language)})
        for name in folders:
            folder = os.path.join(out, "content", lang, name)
            os.makedirs(folder, exist_ok=True)
            title = name.rsplit("/", 1)[-1].replace("-", " ").capitalize()
            with open(os.path.join(folder, "_index.md"), "w", encoding="utf-8") as f:
                f.write(f'+++\ntitle = "{title}"\nicon = "package"\n+++\n')
        for index in range(per_language):
            path = os.path.join(out, "content", lang, folder_of(index), f"article-{index}.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(article(rng, lang, index, per_language, vocabulary))


if __name__ == "__main__":
    main()
