"""The texts the rules encode (policy/sources.toml), one constant each, cited by the rules that use them.

Each constant reads ``engine/policy/sources.toml`` (the same table the region files cite by id), so an address is
written once; ``cite(id, quote)`` gives the source's document (or the quoted article) with its address and the page
read.
"""

from ..core.trace import Source
from .policy import source_title, source_title_en, sources as _table


def cite(sid: str, quote: str | None = None) -> Source:
    """The source ``sid`` of the table, titled by ``quote`` (the article and words) where given."""
    return Source(quote or source_title(sid), _table()[sid].ref, _table()[sid].page, source_title_en(sid))


def of_value(found) -> Source | None:
    """Where a parameter's value comes from (its entry's quote or document, address and page), None when the entry
    names no source."""
    if not found.source:
        return None
    return Source(found.source, found.ref, found.read_at, source_title_en(found.source_id))


RETIREMENT_ART1 = cite("retirement_2024", "国务院关于渐进式延迟法定退休年龄的办法 第一条（2025-01-01施行）")
RETIREMENT_ART2 = cite("retirement_2024", "国务院关于渐进式延迟法定退休年龄的办法 第二条（最低缴费年限）")
RETIREMENT_ART3 = cite("retirement_2024", "国务院关于渐进式延迟法定退休年龄的办法 第三条（弹性退休）")
FLEX_NOTICE = cite("flex_2024_94")
SIL_27 = cite("social_insurance_law", "社会保险法 第二十七条")
SIL_23 = cite("social_insurance_law", "社会保险法 第二十三条第二款（灵活就业人员参加职工医保）")
SIL_32 = cite("social_insurance_law", "社会保险法 第三十二条（跨统筹地区转移，年限累计）")
SIL_48 = cite("social_insurance_law", "社会保险法 第四十八条：失业人员在领取失业保险金期间，参加职工基本医疗保险，享受基本医疗保险"
                                      "待遇。失业人员应当缴纳的基本医疗保险费从失业保险基金中支付，个人不缴纳基本医疗保险费。")
SIL_86 = cite("social_insurance_law", "社会保险法 第八十六条（用人单位滞纳金 万分之五/日）")
GUOFA_1998_44 = cite("guofa_1998_44")
LAOSHE_2003_10 = cite("laoshe_2003_10")
LAOSHE_2003_10_RATE = cite("laoshe_2003_10", "劳社厅发〔2003〕10号 （六）：灵活就业人员参加基本医疗保险的缴费率原则上按照"
                                             "当地的缴费率确定；从统筹基金起步的地区，可参照当地基本医疗保险建立统筹基金的缴费水平确定")
GUOBAN_2021_14 = cite("guoban_2021_14")
GUOBAN_2024_38 = cite("guoban_2024_38")
YIBAO_2021_43 = cite("yibao_2021_43")
YIBAO_2021_43_ART11 = cite("yibao_2021_43_art11")
ZHEJIANG_REG = cite("zhejiang_reg")
SHANGHAI_REG_16 = cite("shanghai_reg", "上海市医疗保障条例 第十六条（2025-03-01施行）")
GUANGDONG_2022_6 = cite("guangdong_2022_6")
BEIJING_REG_11 = cite("beijing_reg_2001", "北京市基本医疗保险规定 第十一条")
BEIJING_REG_11_EXAMPLE = Source("各地做法相近，以北京为例：北京市基本医疗保险规定 第十一条", BEIJING_REG_11.ref,
                                BEIJING_REG_11.read_at,
                                f"most places do the same; Beijing's rule as the example: {source_title_en('beijing_reg_2001')}")


BEIJING_REG_11_PENSION = cite("beijing_reg_2001", "北京市基本医疗保险规定（市政府令第68号）第十一条（退休人员医保待遇以按月领取"
                                                  "基本养老金为前提）")
BEIJING_REG_11_PENSION_EXAMPLE = Source("各地做法相近，以北京为例：" + BEIJING_REG_11_PENSION.title, BEIJING_REG_11.ref,
                                        BEIJING_REG_11.read_at, BEIJING_REG_11_EXAMPLE.title_en)


def beijing_art11(region: str, pension: bool = False) -> Source:
    """北京市基本医疗保险规定 第十一条 as the source of a general practice: Beijing's own rule for a Beijing profile,
    Beijing's rule named as the example elsewhere; ``pension``: its words on the monthly pension as the condition."""
    if region == "beijing" or region.startswith("beijing."):
        return BEIJING_REG_11_PENSION if pension else BEIJING_REG_11
    return BEIJING_REG_11_PENSION_EXAMPLE if pension else BEIJING_REG_11_EXAMPLE
WUHAN_ACCOUNT = cite("wuhan_account", "武汉市医保局：个人账户不得提取现金，归个人所有，可以结转和继承")
SEED_000 = cite("seed_000")
SEED_001 = cite("seed_001")
SEED_002 = cite("seed_002")
SEED_003 = cite("seed_003")
SEED_004 = cite("seed_004")
WITHDRAWAL_LOCAL = cite("withdrawal_local", "个人账户一次性支付的本地规定（武汉、威海、丹东、福建等，转述；种子文章 001、004）")
FAMILY_AID_PROVINCE = cite("family_aid_province_2024", "新华网（2024-11-26）：全国所有省份已实现职工医保个人账户省内跨统筹区"
                           "共济；只要共济人、被共济人在同一省份内参保，无论是否在同一个城市")
FAMILY_AID_CROSS_PROVINCE = cite("family_aid_cross_province")
SHENZHEN_TIERS = cite("shenzhen_tiers_reply", "深医保规〔2022〕3号（深圳市医保局答复）：2022年12月及以后达龄的人员，参加基本医疗"
                      "保险一档满10年的，享受一档待遇；不满10年的享受二档待遇，或申请继续参加一档至10年后，享受一档待遇")
SHENZHEN_AFTER_AGE = cite("shenzhen_tiers_reply", "深医保规〔2022〕3号 第五点第二款（深圳市医保局答复）：达龄后可选择按月缴费或一次性"
                          "缴费；按月缴费的，一档以本市上上年度全口径城镇单位就业人员月平均工资为缴费基数，按一档在职职工用人单位费率缴费")
HUKOU_2025 = cite("hukou_2025", "2025年中央一号文件：全面取消在就业地参保户籍限制")
FLEX_SUBSIDY_LOCAL = cite("flex_subsidy_local")
FOREIGN_16_ART6 = cite("foreign_employees_16", "人社部令第16号 第六条：外国人在达到规定的领取养老金年龄前离境的，其社会保险个人"
                       "账户予以保留，再次来中国就业的，缴费年限累计计算；经本人书面申请终止社会保险关系的，也可以将其社会"
                       "保险个人账户储存额一次性支付给本人")
FAMILY_AID_NEAR_RELATIVES = cite("family_aid_relatives", "国家医保局：2024-12-09前各省已将个人账户家庭共济扩至近亲属（国办发〔2024〕38号）")
ACCOUNT_IN_SERVICE_2PCT = cite("guoban_2021_14_draft", "国办发〔2021〕14号（国家医保局征求意见稿）：在职职工个人账户由个人缴纳的基本医疗保险费计入，"
                               "原则上控制在本人参保缴费基数的2%以内，单位缴费全部计入统筹基金")
ACCOUNT_RETIREE_QA = cite("nhsa_retiree_qa", "国家医保局答问：退休人员个人账户由统筹基金按定额划入，按改革当时基本养老金2%左右测算，今后不再调整")
ZHEJIANG_REG_25 = cite("zhejiang_reg", "浙江省医疗保障条例 第二十五条（灵活就业人员参加职工医保的，应当设立个人账户）")
ZHEJIANG_REG_24 = cite("zhejiang_reg", "浙江省医疗保障条例 第二十四条（已依法办理退休手续的，职工医保关系不再转移）")
ZHEJIANG_REG_29 = cite("zhejiang_reg", "浙江省医疗保障条例 第二十九条（灵活就业人员中断后再次参保，自缴费第三个月起享受待遇）")
HOLIDAY_CALENDAR = cite("holiday_calendar")
