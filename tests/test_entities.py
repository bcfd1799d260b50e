"""Gazetteer matching: clitics on Arabic and Latin names, tickers, spelling variants, user files."""

from __future__ import annotations

import pytest

from arclaim.entities import EntityMatcher, Gazetteer, GazetteerError
from arclaim.normalize import MATCH_OPTIONS, normalize


@pytest.fixture(scope="module")
def matcher():
    return EntityMatcher()


def found(matcher, text):
    norm = normalize(text, MATCH_OPTIONS)
    out = []
    for e in matcher.find(norm.text):
        s, e_ = norm.original_span(e.start, e.end)
        out.append((e.info.name, text[s:e_]))
    return out


@pytest.mark.parametrize("text,name,surface", [
    ("وOpenAI تعلن", "OpenAI", "OpenAI"),
    ("قدمت لـNvidia عرضا", "Nvidia", "Nvidia"),
    ("سهم $NVDA اليوم", "Nvidia", "$NVDA"),
    ("استثمر بأرامكو", "Saudi Aramco", "أرامكو"),
    ("ارباح للراجحي", "Al Rajhi Bank", "لراجحي"),  # ل + الراجحي: the article's lam stays
    ("سعر الدهب اليوم", "Gold", "الدهب"),
    ("صفقة كور ويف", "CoreWeave", "كور ويف"),
    ("انفيديا ونفيديا", "Nvidia", "انفيديا"),
    ("قرار الاحتياطي الفيدرالي", "Federal Reserve", "الاحتياطي الفيدرالي"),
    ("إنفيـــديا", "Nvidia", "إنفيـــديا"),
    # a later word of an alias with a clitic that could be stripped (ل + الطاقة)
    ("وقعت قطر للطاقة عقداً", "QatarEnergy", "قطر للطاقة"),
    ("الدزاير تصدر الغاز", "Algeria", "الدزاير"),  # Maghrebi spelling
    ("عاجل | #قطر_للطاقة توقع عقداً جديداً", "QatarEnergy", "قطر_للطاقة"),  # a hashtag's words
    ('الهيئة العامة لـ"الفوسفات الأردنية" تقر التوزيع', "Jordan Phosphate Mines", "الفوسفات الأردنية"),  # a quoted name after a clitic
    ("وأكبر جولة كانت لـ«نينجا» للتوصيل", "Ninja", "نينجا"),
    ("2- فوري FWRY: ضرب الوقف", "Fawry", "FWRY"),  # a bare exchange ticker (FWRY.CA)
])
def test_aliases_with_clitics(matcher, text, name, surface):
    assert (name, surface) in found(matcher, text)


def test_at_least_200_entities_of_every_type():
    g = Gazetteer()
    assert len(g.entities) >= 200
    assert {e.type for e in g.entities.values()} >= {"ORG", "GPE", "CENTRAL_BANK", "EXCHANGE", "INDEX", "COMMODITY", "CRYPTO"}


def test_resolve_any_alias_or_ticker():
    g = Gazetteer()
    assert g.resolve("إنفيديا") == g.resolve("NVDA") == g.resolve("nvidia") == "Nvidia"
    assert g.resolve("بأرامكو") == "Saudi Aramco"
    assert g.resolve("لا شيء هنا") is None


def test_user_yaml_and_csv(tmp_path):
    y = tmp_path / "e.yaml"
    y.write_text("- name: Acme Gulf\n  type: ORG\n  aliases: [أكمي الخليج, ACMEG]\n", encoding="utf-8")
    c = tmp_path / "e.csv"
    c.write_text("name,type,aliases\nDesert Coin,CRYPTO,عملة الصحراء|DSC\n", encoding="utf-8")
    m = EntityMatcher(Gazetteer([y, c]))
    assert ("Acme Gulf", "أكمي الخليج") in found(m, "ربحت أكمي الخليج")
    assert ("Desert Coin", "DSC") in found(m, "ارتفعت DSC")


def test_user_file_errors_name_file_and_entry(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type,aliases\nFoo,PLANET,x\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.csv: entry 2: type 'PLANET'"):
        Gazetteer([bad])
    nohdr = tmp_path / "nohdr.csv"
    nohdr.write_text("Foo,ORG,x\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="nohdr.csv: line 1: CSV header"):
        Gazetteer([nohdr])


def test_subject_is_the_investor_not_the_nearest_name(extractor):
    claims = extractor.extract("تضخ Nvidia ملياري دولار في شركة CoreWeave")
    assert claims[0].subject == "Nvidia"
    claims = extractor.extract("قفز سهم CoreWeave بنسبة 12% بعد استثمار من Nvidia")
    assert claims[0].subject == "CoreWeave"


@pytest.mark.parametrize("text,names", [
    # a company's bare name with the article is the ordinary noun (reconstruction), not the company
    ("تكلفة الإعمار في المنطقة كبيرة", []),
    ("أعلنت إعمار أرباحاً قوية", ["Emaar Properties"]),
    # names of things keep matching with the article: the coin, the metal
    ("البيتكوين عند القمة", ["Bitcoin"]),
    # a phrase of not_names.json holds the alias as an ordinary word
    ("خطة إعادة إعمار سوريا", ["Syria"]),
    # ... also when the words that make it ordinary follow the name: Dubai's property market, not DFM
    ("سوق دبي العقاري بين زخم المبيعات", []),
    ("أغلق سوق دبي المالي مرتفعاً", ["DFM"]),
    # the Fed's dot plot is no Polkadot ticker; the coin's ticker still is
    ("متوسط الـ dot plot يشير إلى 3.1%", []),
    ("عملة DOT نزلت 5%", ["Polkadot"]),
    # a fuel's sulphur grade is no sulphur price
    ("ارتفع هامش زيت الوقود عالي الكبريت", []),
    ("قفزت أسعار الكبريت 5%", ["Sulphur"]),
    # where two names overlap, the one of more words wins, not the one that starts first
    ("تراجع صافي ربح مجموعة الإمارات دبي الوطني", ["Emirates NBD"]),
])
def test_ordinary_words_that_are_company_names(matcher, text, names):
    assert [name for name, _ in found(matcher, text)] == names


def test_a_not_name_phrase_in_a_title_is_no_weak_name(extractor):
    claims = extractor.extract("شو قصة الـ dot plot؟\nالوسيط طلع عند 3.6% لآخر 2026")
    assert claims and claims[0].subject is None


def test_user_files_written_loosely_still_mean_what_they_say(tmp_path):
    """One alias written without a list, spaces after the CSV commas."""
    y = tmp_path / "one.yaml"
    y.write_text("- name: Acme Gulf\n  type: ORG\n  aliases: أكمي\n", encoding="utf-8")
    c = tmp_path / "spaced.csv"
    c.write_text("name, type, aliases\nDesert Coin, CRYPTO, عملة الصحراء | DSC\n", encoding="utf-8")
    m = EntityMatcher(Gazetteer([y, c]))
    assert ("Acme Gulf", "أكمي") in found(m, "ربحت أكمي 4%")
    assert ("Desert Coin", "DSC") in found(m, "ارتفعت DSC")


@pytest.mark.parametrize("name,content,says", [
    ("nums.yaml", "- name: Foo\n  type: ORG\n  aliases: [null, 5, '2024']\n", "entry 1: aliases must be a list of names"),
    ("digits.yaml", "- name: Foo\n  type: ORG\n  aliases: ['2024']\n", "entry 1: aliases must be a list of names"),
    ("quote.csv", 'name,type,aliases\nFoo,ORG,"a|b\nBar,ORG,c\n', "bad CSV"),
    ("digits.csv", "name,type,aliases\nFoo,ORG,2024|فو\n", "entry 2: aliases must be a list of names"),
    ("noname.csv", "name,type,aliases\n123,ORG,فو\n", "entry 2: the name '123' has no letters"),
])
def test_malformed_user_entities_are_errors_naming_the_entry(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=f"{name}: .*{says}"):
        Gazetteer([path])
