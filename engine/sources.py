"""The texts the rules encode (policy/SOURCES.md), one constant each, cited by the rules that use them."""

from .trace import Source

RETIREMENT_ART1 = Source("国务院关于渐进式延迟法定退休年龄的办法 第一条（2025-01-01施行）",
                         "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm")
RETIREMENT_ART2 = Source("国务院关于渐进式延迟法定退休年龄的办法 第二条（最低缴费年限）",
                         "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm")
RETIREMENT_ART3 = Source("国务院关于渐进式延迟法定退休年龄的办法 第三条（弹性退休）",
                         "https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm")
FLEX_NOTICE = Source("实施弹性退休制度暂行办法（人社部发〔2024〕94号）",
                     "https://www.gov.cn/zhengce/zhengceku/202501/content_6995747.htm")
SIL_27 = Source("社会保险法 第二十七条", "LawRefBook/Laws 社会法/社会保险法(2018-12-29).md")
SIL_23 = Source("社会保险法 第二十三条第二款（灵活就业人员参加职工医保）", "LawRefBook/Laws 社会法/社会保险法(2018-12-29).md")
SIL_32 = Source("社会保险法 第三十二条（跨统筹地区转移，年限累计）", "LawRefBook/Laws 社会法/社会保险法(2018-12-29).md")
SIL_86 = Source("社会保险法 第八十六条（用人单位滞纳金 万分之五/日）", "LawRefBook/Laws 社会法/社会保险法(2018-12-29).md")
GUOFA_1998_44 = Source("国务院关于建立城镇职工基本医疗保险制度的决定（国发〔1998〕44号）",
                       "https://www.daowen.com/book/content/235880937/3361743.html")
LAOSHE_2003_10 = Source("关于城镇灵活就业人员参加基本医疗保险的指导意见（劳社厅发〔2003〕10号）",
                        "https://9x1x.cn/article/jnriuj")
GUOBAN_2021_14 = Source("国办发〔2021〕14号 职工医保门诊共济保障机制指导意见",
                        "https://www.mercer.com/our-thinking/law-and-policy-group/china-to-improve-basic-medical-insurance-for-employees.html")
GUOBAN_2024_38 = Source("国办发〔2024〕38号 关于健全基本医疗保险参保长效机制的指导意见",
                        "https://www.gov.cn/zhengce/content/202408/content_6965741.htm")
YIBAO_2021_43 = Source("基本医疗保险关系转移接续暂行办法（医保办发〔2021〕43号）",
                       "http://www.gardenhomesupplies.com/sxzhuanke/HTML/11556766.html")
YIBAO_2021_43_ART11 = Source("医保办发〔2021〕43号 第十一条（中断与等待期）", "http://iamst.cn/35/63")
ZHEJIANG_REG = Source("浙江省医疗保障条例（2021-07-01施行）",
                      "LawRefBook/Laws DLC/浙江地方法规/浙江省医疗保障条例(2021-03-26).md")
SHANGHAI_REG_16 = Source("上海市医疗保障条例 第十六条（2025-03-01施行）",
                         "LawRefBook/Laws DLC/上海地方法规/地方性法规/上海/上海市医疗保障条例(2024-12-31).md")
GUANGDONG_2022_6 = Source("广东省基本医疗保险关系省内转移接续暂行办法（粤医保规〔2022〕6号）",
                          "https://hsa.gd.gov.cn/zwgk/zfxxgkml/bmwj/gfxwj/content/post_3953355.html")
BEIJING_REG_11 = Source("北京市基本医疗保险规定 第十一条", "http://bbs.chinahrd.net/thread-632567-1-1.html")
WUHAN_ACCOUNT = Source("武汉市医保局：个人账户不得提取现金，归个人所有，可以结转和继承",
                       "http://ybj.wuhan.gov.cn/zwgk_52/zcfgyjd/zcwd/202206/t20220616_1988446.shtml")
SEED_000 = Source("种子文章 000（只交养老/居民医保、退休后参保）", "seeds/000_a25662915fd52f11.txt")
SEED_001 = Source("种子文章 001（退保、牡丹江、徐州、大额补充）", "seeds/001_6cc2a31bfc4344cc.txt")
SEED_002 = Source("种子文章 002（个人账户划入、单建统筹）", "seeds/002_da4aba4667943393.txt")
SEED_003 = Source("种子文章 003（灵活就业个人账户、济宁、阜新、惠州、阳泉）", "seeds/003_49b6e4c2fae0bcd8.txt")
SEED_004 = Source("种子文章 004（断缴、补缴、广东省内通用）", "seeds/004_608cfdf95add5825.txt")
WITHDRAWAL_LOCAL = Source("个人账户一次性支付的本地规定（武汉、威海、丹东、福建等，转述；种子文章 001、004）",
                          "https://m.64365.com/ask/14147267.aspx")
FAMILY_AID_NEAR_RELATIVES = Source("国家医保局：2024-12-09前各省已将个人账户家庭共济扩至近亲属（国办发〔2024〕38号）",
                                   "http://www.lhoil.com/fzdt/newshtml/fzjd/20241226100059.htm")
ACCOUNT_IN_SERVICE_2PCT = Source("国办发〔2021〕14号（国家医保局征求意见稿）：在职职工个人账户由个人缴纳的基本医疗保险费计入，"
                                 "原则上控制在本人参保缴费基数的2%以内，单位缴费全部计入统筹基金", "https://v2ex.com/amp/t/702010")
ACCOUNT_RETIREE_QA = Source("国家医保局答问：退休人员个人账户由统筹基金按定额划入，按改革当时基本养老金2%左右测算，今后不再调整",
                            "http://yzzsnet.com/techan/41818.html")
ZHEJIANG_REG_25 = Source("浙江省医疗保障条例 第二十五条（灵活就业人员参加职工医保的，应当设立个人账户）",
                         "LawRefBook/Laws DLC/浙江地方法规/浙江省医疗保障条例(2021-03-26).md")
ZHEJIANG_REG_24 = Source("浙江省医疗保障条例 第二十四条（已依法办理退休手续的，职工医保关系不再转移）",
                         "LawRefBook/Laws DLC/浙江地方法规/浙江省医疗保障条例(2021-03-26).md")
ZHEJIANG_REG_29 = Source("浙江省医疗保障条例 第二十九条（灵活就业人员中断后再次参保，自缴费第三个月起享受待遇）",
                         "LawRefBook/Laws DLC/浙江地方法规/浙江省医疗保障条例(2021-03-26).md")
HOLIDAY_CALENDAR = Source("国务院办公厅历年部分节假日安排的通知（法定节假日与调休上班日，chinese_calendar 数据）",
                          "https://github.com/LKI/chinese-calendar")
