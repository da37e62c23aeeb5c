"""The catalogue itself: one `_add(...)` per problem code (severity, category, clerk message, hint, recipient
sentence, wording variants). Templates are ``str.format`` strings over named fields; see reportgen/problems."""
from __future__ import annotations

from reportgen.models import ERROR, WARNING
from reportgen.problems.kind import CATEGORIES, Kind

CATALOGUE: dict[str, Kind] = {}


def _add(code: str, severity: str, category: str, message: str, hint: str = "", recipient: str | None = None,
         **variants: tuple[str, str]) -> None:
    assert code not in CATALOGUE, code
    assert category in CATEGORIES, category
    CATALOGUE[code] = Kind(code, severity, category, message, hint, recipient,
                           {k.replace("_", "-"): v for k, v in variants.items()})


# Templates: clerk message (no location), clerk hint, recipient sentence (None: for the clerk only).

_CORRUPT_HINT = "请用Excel或WPS打开该文件确认能正常显示，然后另存为新的.xlsx文件再放入收件箱；如打不开，请让报送单位重新发送"
_RESAVE = "请用Excel或WPS打开确认能正常显示，另存为新的.xlsx文件后重新报送。"
_BLOAT_HINT = "请在Excel或WPS中删除多余的行、列和单元格格式（选中空白区域→删除），另存为新的.xlsx后再放入收件箱"
_BLOAT_RECIPIENT = "{where}中有大片多余的行、列或单元格格式，无法读取，请删除多余的行、列（选中空白区域→删除），另存为新的.xlsx文件后重新报送。"
_BOMB_HINT = "该文件解压后异常巨大，可能是恶意构造的压缩炸弹；请让报送单位用Excel重新保存后发送"
_DTD_HINT = "Excel和WPS不会写出这种内容，文件可能被篡改或由其他程序生成；请让报送单位用Excel或WPS打开后另存为新的.xlsx再发送"
_ODD_RECIPIENT = "{where}的文件内容异常，无法读取，" + _RESAVE
_WPS_HINT = '请在WPS或Excel中"另存为"Excel工作簿(.xlsx)后重新放入收件箱'
_NOT_XLSX = "{where}不是Excel工作簿，无法汇总，请报送Excel表格（.xlsx或.xls）。"
_SAVE_AS = "{where}不是可读取的Excel工作簿，请在WPS或Excel中“另存为”Excel工作簿（.xlsx）后重新报送。"

_QUANTITY_FIX = "请填写正整数，如 3；单位可写 台、套、条、座、个"
_DATE_FIX = "请填写四位年份的日期，如 2021-09-30 或 2021年9月30日"
FIXES = {"quantity": _QUANTITY_FIX, "capacity": "{hint}（本行业标准单位：{standard}）"}

# ---------------------------------------------------------------- 文件无法读取 (the file could not be opened)
_F = "文件无法读取"
_add("empty", ERROR, _F, "文件是空的（0字节）", "请让报送单位重新发送完整的文件",
     "{where}是空文件（0字节），请重新发送完整的文件。")
_add("inbox-folder-unreadable", WARNING, _F, "收件箱中的文件夹「{path}」打不开（{reason}），其中的文件都没有读取",
     "请检查该文件夹的权限，或把其中的报送表移到收件箱中能打开的位置", None)
_add("inbox-link-dangling", WARNING, _F, "收件箱中的「{path}」是快捷方式（链接），指向的位置已不存在，没有读取",
     "请把报送表文件本身放进收件箱，而不是快捷方式", None)
_add("inbox-link-folder", WARNING, _F, "收件箱中的「{path}」是指向文件夹的快捷方式（链接），其中的文件没有读取",
     "请把该文件夹中的报送表复制进收件箱", None)
_add("io-error", ERROR, _F, "无法打开文件（{reason}）", "请确认文件没有被其他程序占用、有读取权限，然后重试", None)
_add("too-large", ERROR, _F, "文件大小为{size_mb} MB，超过上限{limit_mb} MB",
     "请删除无关的工作表和图片后另存再放入；确属正常，可在 reportgen.toml 的 [limits] 中调高 max_file_mb",
     "{where}文件过大（{size_mb} MB），无法读取，请删除无关的工作表和图片后另存，重新报送。")
_add("encrypted", ERROR, _F, "文件设置了打开密码，无法读取",
     "请在Excel或WPS中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存，再放入收件箱",
     "{where}设置了打开密码，无法读取，请取消密码后另存，重新报送。",
     short=("文件设置了打开密码，无法读取", "请在Excel或WPS中取消密码后另存，再放入收件箱"),
     any=("文件设置了密码，无法读取", "请在Excel或WPS中取消密码后另存，再放入收件箱"),
     zip=("文件设置了密码（压缩包级加密），无法读取", "请在Excel或WPS中取消密码后另存为新的.xlsx（不要用压缩软件加密），再放入收件箱"))
_add("corrupt", ERROR, _F, "文件已损坏或不是有效的Excel文件，无法打开", _CORRUPT_HINT,
     "{where}已损坏，无法打开，" + _RESAVE,
     unzip=("文件已损坏，无法解压（{detail}）", _CORRUPT_HINT),
     detail=("文件已损坏（{detail}）", _CORRUPT_HINT),
     content=("文件内容已损坏，无法读取（{detail}）", _CORRUPT_HINT),
     sheet_xml=("工作表「{sheet_name}」的XML已损坏（{detail}）", "请用Excel或WPS打开该文件，另存为新的.xlsx后再放入收件箱"))
_add("xml-entity", ERROR, _F, "文件内含XML实体引用，可能是恶意构造的文件，已拒绝读取", _CORRUPT_HINT, _ODD_RECIPIENT)
_add("xml-dtd", ERROR, _F, "部件 {member} 含有DTD/实体定义（<!DOCTYPE>），可能是恶意构造的文件，已拒绝读取", _DTD_HINT,
     _ODD_RECIPIENT,
     sheet=("工作表含有DTD/实体定义（<!DOCTYPE>），可能是恶意构造的文件，已拒绝读取", _DTD_HINT))
_add("zip-bomb", ERROR, _F, "文件解压后共{unpacked_mb} MB，超过上限{limit_mb} MB",
     "请删除无关的工作表和图片后另存再放入；确属正常，可在 reportgen.toml 的 [limits] 中调高 max_unpacked_mb",
     _ODD_RECIPIENT,
     parts=("压缩包内有{parts}个部件，远超正常工作簿", _BOMB_HINT),
     ratio=("部件 {member} 压缩比为{ratio}:1（解压后{unpacked_mb} MB），异常", _BOMB_HINT))
_add("sheet-too-large", ERROR, _F,
     "工作表「{sheet_name}」的数据区域为{rows}行×{cols}列（最远到{far}单元格），过大无法读取", _BLOAT_HINT,
     _BLOAT_RECIPIENT,
     scattered=("部件 {member} 在大段空行之后还有零散单元格，且无法确定它属于哪个工作表，无法安全读取", _BLOAT_HINT),
     disorder=("工作表「{sheet_name}」在第{row_after}行之后还有零散内容，且行的顺序异常，无法安全读取", _BLOAT_HINT))
_add("declared-size", ERROR, _F,
     "{part}的尺寸记录(DIMENSIONS)声称有{area}个单元格，远超.xls能容纳的65536行×256列；文件头被篡改或已损坏，已拒绝读取",
     _BLOAT_HINT, _ODD_RECIPIENT,
     sst=("共享字符串表（{member}）声称有{claimed}个字符串，而该部件只有{size}字节，最多容纳{room}个；文件头被篡改或已损坏，已拒绝读取",
          _DTD_HINT))
_add("reader-crashed", ERROR, _F, "读取该文件时读取程序{cause}，文件未读取",
     "请用Excel或WPS打开该文件，另存为新的.xlsx后再放入收件箱；如仍出现本提示，请把该文件交给技术支持人员",
     "{where}无法读取，" + _RESAVE)
_add("too-many-merges", ERROR, _F, "{part} 中有超过{count}个合并单元格，远超正常报表，可能是恶意构造的文件",
     "请在Excel或WPS中取消多余的合并单元格，另存为新的.xlsx后再放入收件箱",
     "{where}中合并单元格过多，无法读取，请取消多余的合并单元格，另存为新的.xlsx文件后重新报送。")

# ---------------------------------------------------------------- 文件格式 (not a workbook: not read by design)
_T = "文件格式"
_add("format-csv", WARNING, _T, "这是CSV文本文件，不是Excel工作簿，未读取",
     '请用Excel或WPS打开后"另存为"Excel工作簿(.xlsx)再放入收件箱', _SAVE_AS)
_add("format-text", WARNING, _T, "这是文本文件，不是Excel工作簿，未读取", "请把数据填入报送表(.xlsx)后再放入收件箱",
     "{where}是文本文件，不是Excel工作簿，请把数据填入报送表（.xlsx）后重新报送。")
_add("format-pdf", WARNING, _T, "这是PDF文件，不是Excel工作簿，未读取",
     "请报送原始的Excel表格(.xlsx或.xls)，扫描件或PDF无法汇总",
     "{where}是PDF文件，无法汇总，请报送原始的Excel表格（.xlsx或.xls）。")
_add("format-image", WARNING, _T, "这是图片文件，不是Excel工作簿，未读取",
     "请报送原始的Excel表格(.xlsx或.xls)，照片或截图无法汇总",
     "{where}是图片，照片或截图无法汇总，请报送原始的Excel表格（.xlsx或.xls）。")
_add("format-html", WARNING, _T, "这是网页(HTML)文件，只是扩展名像Excel，未读取", _WPS_HINT, _SAVE_AS)
_add("format-xml", WARNING, _T, "这是XML表格(Excel 2003 XML等)，不是Excel工作簿，未读取", _WPS_HINT, _SAVE_AS)
_add("format-xlsb", WARNING, _T, "这是Excel二进制工作簿(.xlsb)，本工具不读取", _WPS_HINT, _SAVE_AS)
_add("format-ods", WARNING, _T, "这是OpenDocument表格(.ods)，本工具不读取", _WPS_HINT, _SAVE_AS)
_add("format-et", WARNING, _T, "这是WPS表格专用格式(.et)文件，未读取", '请在WPS中"另存为"Excel工作簿(.xlsx)后重新放入收件箱',
     _SAVE_AS)
_add("format-archive", WARNING, _T, "这是压缩包，未读取", "请解压后把其中的Excel文件放入收件箱",
     "{where}是压缩包，请直接报送其中的Excel表格。")
_add("format-other", WARNING, _T, "这是Word文档、压缩包或其他Office文件，不是Excel工作簿，未读取",
     "请报送Excel表格(.xlsx)；如是压缩包，请解压后把其中的Excel文件放入收件箱", _NOT_XLSX,
     ole=("这是Word(.doc)等其他Office文件，不是Excel工作簿，未读取", "请报送Excel表格(.xlsx或.xls)"))
_add("format-unknown", WARNING, _T, "无法识别的文件类型，未读取", "请报送Excel表格(.xlsx或.xls)", _NOT_XLSX)

# ---------------------------------------------------------------- 报送单位 (who sent it, who did not)
_S = "报送单位"
_add("submitter-unknown", WARNING, _S, "填报单位「{declared}」不在配置的报送单位中",
     "请核对填报单位名称，或在 reportgen.toml 的 counties / departments 中添加该单位",
     "{where}中填写的填报单位“{declared}”不是规范的单位名称，请填写单位全称。")
_add("submitter-unidentified", WARNING, _S, "无法确定报送单位（表头上方没有「填报单位：」，文件名中也没有单位名称）",
     "请在表头上方写明「填报单位：XX县（区）工业和信息化局」，或把单位名称写进文件名；各行须填写县（市）区",
     "{where}中没有写明填报单位，请在表头上方写明“填报单位：XX县（区）工业和信息化局”。")
_add("submitter-conflict", ERROR, _S, "报送单位不一致：{witnesses}；{effect}，本文件不替代其他单位的报送表",
     "请核对该文件由哪个单位报送，把填报单位、文件名和各行的县（市）区改为一致后重新放入收件箱",
     "{where}的填报单位、文件名和各行的县（市）区不一致，请核对该文件由哪个单位报送，改为一致后重新报送。")
_add("submitter-missing", WARNING, _S, "{name}尚未报送{year}年落后产能退出情况",
     "reportgen build 在报送期限过后为其写催报函；收到报送表后放进收件箱再运行", None)
_add("file-superseded", WARNING, _S, "{submitter}还报送了 {newer}，{why}；采用该文件，本文件不计入",
     "如本文件才是最终版本，请把另一个文件移出收件箱（或在本文件中填写更晚的填报日期）后重新运行", None)
_add("resubmission-tie", ERROR, _S,
     "{submitter}还报送了 {newer}，两个文件的填报日期和修改时间都相同，无法判断哪个是最终版本；暂按文件名顺序采用 {newer}，本文件不计入",
     "请核对后把不用的那个文件移出收件箱，再重新运行",
     "你单位报送了“{name}”和“{newer_name}”两个文件，无法判断哪个是最终版本，请说明以哪个文件为准。")
_add("fill-date-unreadable", WARNING, _S, "填报日期「{shown}」不是可识别的日期", _DATE_FIX,
     "{at}的填报日期“{value}”无法识别，请填写如2021年9月30日的日期。")

# ---------------------------------------------------------------- 表头与结构 (headers and sheets)
_H = "表头与结构"
_add("file-empty", WARNING, _H, "没有数据行（表格是空的），{who}",
     "如本年度确无退出项目，请在表中写明「本年度无退出项目」后重新报送；否则请填写数据后重新报送",
     "{where}中没有数据行（表格是空的）；如本年度确无退出项目，请在表中写明“本年度无退出项目”后重新报送，否则请填写数据后重新报送。")
_add("sheet-no-header", WARNING, _H, "没有找到可识别的表头（如「企业名称」「退出产能」「退出方式」），该工作表未读取",
     "如该表有数据，请使用报送表模板的表头（reportgen init 生成的表格）",
     "{where}的“{sheet}”工作表没有可识别的表头，请使用下发的报送表模板填写。")
_add("sheet-hidden", WARNING, _H, "隐藏的工作表「{sheet}」也已读取", "如不应报送，请删除该工作表", None)
_add("sheet-truncated", WARNING, _H, "第{row}行{why}，从该行起的内容未读取",
     "请删除多余的空行（或把数据分到几个工作表中）后重新报送",
     "{where}的“{sheet}”工作表第{row}行之前有大量空行，该行起的内容未能读取，请删除多余的空行后重新报送。")
_add("rows-hidden", WARNING, _H, "工作表{what}；隐藏和筛选掉的行也已读取并计入，填报单位在屏幕上看到的可能比计入的少",
     "请取消筛选和隐藏（开始→格式→隐藏和取消隐藏），核对这些行是否应当报送；不应报送的请删除",
     "{where}的“{sheet}”工作表{what}，这些行也已计入，请取消筛选和隐藏，核对这些行是否应当报送；不应报送的请删除。")
_add("columns-hidden", WARNING, _H, "隐藏的列：{names}；{effect}", "请取消隐藏并核对：过时的列请删除，不要只隐藏",
     "{where}的“{sheet}”工作表有隐藏的列（{names}），请取消隐藏并核对：过时的列请删除，不要只隐藏。")
_add("column-missing", ERROR, _H, "表头缺少必填列「{names}」，该工作表的数据未计入", "请在表头中增加「{names}」列并填写",
     "{where}的“{sheet}”工作表缺少“{names}”列，该表数据未能计入，请按报送表模板增加该列并填写后重新报送。",
     second_table=("第{row_at}行起是另一张表（{table}），其表头缺少必填列「{names}」，该表的数据未计入",
                   "请在该表头中增加「{names}」列，或把该表放到单独的工作表中"))
_add("second-table", WARNING, _H, "第{row_at}行起是另一张表（{table}），已按该行的表头读取",
     "为便于核对，建议每张表放在单独的工作表中", None)
_add("own-output", WARNING, _T, "这是reportgen生成的汇总表（工作表「{sheet_name}」有「来源文件」「来源行号」列），不是报送表，未读取",
     "汇总表不用放进收件箱；请把它移出收件箱", None)
_add("county-column-missing", WARNING, _H,
     "表中没有「县（市）区」列，填报单位又不是县（市）区，各行将无法确定所属县（市）区", "请增加「县（市）区」列",
     "{where}的“{sheet}”工作表没有“县（市）区”列，请增加该列并逐行填写。")

# ---------------------------------------------------------------- 数据填写 (a cell's value)
_D = "数据填写"
_VALUE = "{at}的{column}“{value}”"
_add("required-missing", ERROR, _D, "必填项「{column}」为空，该行未计入", "请填写{what}",
     "{at}的{column}未填写，该行未能计入，请补充填写。")
_add("cell-error", ERROR, _D, "{what}是错误值「{text}」，不是数据{tail}", "请改正该单元格的公式，或直接填写数值",
     "{at}的单元格是错误值“{text}”，不是数据，请改正该单元格的公式，或直接填写数值。")
_add("formula-uncalculated", ERROR, _D,
     "{what}是没有计算结果的公式「{formula}」（文件由程序生成后没有在Excel中打开保存过）{tail}",
     "请在Excel或WPS中打开该文件、保存后重新报送，或把公式改为数值",
     "{at}的单元格是没有计算结果的公式，请在Excel或WPS中打开该文件、保存后重新报送，或把公式改为数值。")
_add("invisible-chars", WARNING, _D, "「{text}」中有不可见字符或特殊空格，已清除", "", None)
_add("cell-picture", WARNING, _D, "单元格是WPS嵌入图片，没有文字", "请把内容改为文字",
     "{at}的单元格是嵌入图片，没有文字，请改为填写文字。")
_add("county-unknown", ERROR, _D, "县（市）区「{text}」不是本市的县（市）区{effect}", "请填写：{names}",
     _VALUE.replace("{column}", "县（市）区") + "不是本市的县（市）区，请填写：{names}。")
_add("county-other", WARNING, _D, "县（市）区「{text}」与填报单位{submitter}不一致，按「{county}」统计",
     "请核对该行是否属于本县（市）区", "{at}填写的县（市）区为“{text}”，与填报单位不一致，请核对该行是否属于本县（市）区。")
_add("industry-unknown", ERROR, _D, "行业「{text}」不在配置的行业中{effect}", "请填写：{names}",
     "{at}的行业“{text}”不是规定的行业名称，请填写：{names}。")
_add("capacity-unit-note", WARNING, _D, "{column}：{note}", "", None)
_add("capacity-not-positive", ERROR, _D, "{column}「{shown}」不是正数，退出产能应大于0",
     "请填写实际退出的产能（单位：{unit}）；未退出的不要列入",
     _VALUE + "不是正数，请填写实际退出的产能（单位：{unit}），未退出的不要列入。")
_add("sealed-no-note", WARNING, _D, "退出方式为「封存」，备注中未说明封存原因和不再恢复生产的公开承诺",
     "请在备注中写明封存原因、公开承诺情况和计划拆除时限",
     "{at}退出方式为“封存”，请在备注中写明封存原因、不再恢复生产的公开承诺和计划拆除时限。")
_add("review-unknown", WARNING, _D, "复查结果「{text}」无法识别，按未复查处理", "请填写：达标 或 未达标",
     "{at}的复查结果“{text}”无法识别，请填写“达标”或“未达标”。")
_add("category-unknown", ERROR, _D, "{column}「{shown}」不是不达标类别", "请填写：能耗、环保、质量、安全或技术",
     _VALUE + "不是不达标类别，请填写：能耗、环保、质量、安全或技术。")
_NUMBER_FIX = "请填写数字，如 12.5"
_add("number-unreadable", WARNING, _D, "{column}「{shown}」不是数字", "请填写数字，如 12.5（千位分隔符可用逗号，小数点用“.”）",
     _VALUE + "不是数字，请填写数字，如12.5。",
     logical=("{column}「{shown}」是逻辑值，不是数字", _NUMBER_FIX),
     temporal=("{column}「{shown}」是日期或时间，不是数字", "请把单元格格式改为“常规”或“数值”后填写数字"),
     invalid=("{column}「{shown}」不是有效数字", _NUMBER_FIX),
     capacity=("{column}「{shown}」不是数字", "请填写数字，如 60 或 60万吨"),
     points=("{column}「{shown}」不是数字", "请填写一个数字，如 12.5（小数点只写一个）"))
_add("number-range", WARNING, _D, "{column}「{shown}」是一个范围，不是确定的数字", "请填写实际的数字，如 12.5",
     _VALUE + "是一个范围，请填写实际的数字。",
     capacity=("{column}「{shown}」是一个范围，不是确定的数字", "请填写实际完成的数字，如 5万吨"))
_add("number-with-text", WARNING, _D, "{column}「{shown}」含有单位或文字，不是纯数字",
     "请只填写数字，单位写在表头或单位列中", _VALUE + "含有单位或文字，请只填写数字。")
_add("number-approximate", ERROR, _D, "{column}「{shown}」是约数，不是确定的数字", "请填写准确的数字，去掉“约”“左右”等字",
     _VALUE + "是约数，请填写准确的数字，去掉“约”“左右”等字。")
_add("unit-unknown", ERROR, _D, "{column}「{shown}」中的单位「{unit}」无法识别", "请写成如 60万吨、12000吨 的形式",
     _VALUE + "中的单位“{unit}”无法识别，请写成如“60万吨”的形式。",
     not_quantity=("{column}「{shown}」的单位「{unit}」不是数量单位", _QUANTITY_FIX))
_add("unit-conflict", ERROR, _D, "{column}「{shown}」中的单位「{cell_unit}」与产能单位列的「{column_unit}」不一致",
     "请只在一处填写单位（本行业标准单位：{unit}），并核对数值",
     _VALUE + "中的单位“{cell_unit}”与产能单位列的“{column_unit}”不一致，请只在一处填写单位并核对数值。")
_DATE_RECIPIENT = _VALUE + "不是可识别的日期，请填写如2021年9月30日的日期。"
_add("date-unreadable", ERROR, _D, "{column}「{shown}」不是可识别的日期", _DATE_FIX, _DATE_RECIPIENT,
     not_date=("{column}「{shown}」不是日期", _DATE_FIX),
     short_year=("{column}「{shown}」的年份不是四位数", _DATE_FIX))
_add("date-two-digit-year", ERROR, _D, "{column}「{shown}」的年份不是四位数", _DATE_FIX,
     _VALUE + "的年份不是四位数，请填写如2021年9月30日的日期。")
_add("date-no-year", ERROR, _D, "{column}「{shown}」没有年份", _DATE_FIX, _VALUE + "没有年份，请填写如2021年9月30日的日期。")
_add("date-serial-implausible", ERROR, _D, "{column}「{shown}」是数字，作为Excel日期序号不合理",
     "请把单元格格式设为“日期”，填写四位年份的日期，如 2021-09-30 或 2021年9月30日", _DATE_RECIPIENT)
_add("date-implausible", ERROR, _D, "{column}「{shown}」的年份{year}不合理", _DATE_FIX,
     _VALUE + "的年份不合理，请核对后填写如2021年9月30日的日期。")
_add("date-invalid", ERROR, _D, "{column}「{shown}」不是有效日期：没有{month}月", _DATE_FIX,
     _VALUE + "不是有效日期，请核对月、日。",
     short_month=("{column}「{shown}」不是有效日期：{year}年{month}月只有{last}天", _DATE_FIX))
_add("quantity-not-integer", WARNING, _D, "{column}「{shown}」不是整数", _QUANTITY_FIX,
     _VALUE + "不是整数，请填写正整数，如3。")
_add("quantity-not-positive", WARNING, _D, "{column}「{shown}」不是正数", _QUANTITY_FIX,
     _VALUE + "不是正数，请填写正整数，如3。")
_add("method-unknown", ERROR, _D, "{column}「{shown}」不是可选的退出方式", "请填写 拆除、封存、关停、其他 之一",
     _VALUE + "不是可选的退出方式，请填写拆除、封存、关停、其他之一。")
_add("grounds-unknown", WARNING, _D, "{column}「{shown}」中的「{unknown}」不是依据类别",
     "依据类别请填写 能耗、环保、质量、安全、技术，多个用顿号隔开",
     _VALUE + "中的“{unknown}”不是依据类别，请填写能耗、环保、质量、安全、技术，多个用顿号隔开。")
_add("bool-unreadable", WARNING, _D, "{column}「{shown}」不是“是”或“否”", "请填写 是 或 否",
     _VALUE + "不是“是”或“否”，请填写“是”或“否”。")

# ---------------------------------------------------------------- 统一社会信用代码
_U = "统一社会信用代码"
_USCC_FIX = "请对照营业执照核对18位统一社会信用代码"
_add("uscc-number", WARNING, _U, "{column}「{shown}」是数字，不是文字：Excel已把长代码截断为15位有效数字，无法恢复",
     "请先把该列单元格格式设为“文本”，再重新填写完整的18位统一社会信用代码",
     "{at}的统一社会信用代码被Excel存成了数字，已无法还原，请先把该列单元格格式设为“文本”，再填写完整的18位代码。")
_add("uscc-length", WARNING, _U, "{column}「{shown}」有{length}位，统一社会信用代码应为18位{extra}", _USCC_FIX,
     _VALUE + "有{length}位，统一社会信用代码应为18位，请对照营业执照核对。")
_add("uscc-char", WARNING, _U, "{column}「{shown}」含有不可能出现的字符「{chars}」",
     "代码中没有字母 I、O、S、V、Z，请核对是否应为数字 1、0、5 或字母 U、2；" + _USCC_FIX,
     _VALUE + "含有代码中不会出现的字符“{chars}”，请对照营业执照核对。")
_add("uscc-check", WARNING, _U, "{column}「{shown}」校验位不符，可能有填错的字符", _USCC_FIX,
     _VALUE + "校验位不符，可能有填错的字符，请对照营业执照核对。")

# ---------------------------------------------------------------- 重复与年度
_R = "重复与年度"
_add("duplicate", WARNING, _R, "与 {other} 是同一项目（{enterprise}，{equipment}），只计一次，以{kept_by}的数据为准",
     "请双方核对，删除重复填报的行",
     "{at}填报的{enterprise}{equipment}与{other_submitter}报送的同一项目重复，只计一次，请核对。")
_add("completed-after-date", WARNING, _R,
     "完成时间 {completed} 晚于本次统计的截止日期 {as_of}，按尚未完成处理，不计入",
     "如确已完成，请更正完成时间；如是计划完成时间，请完成后再报送",
     "{at}{enterprise}{equipment}的完成时间为{completed}，晚于本次统计的截止日期{as_of}，按尚未完成处理，未计入；"
     "如确已完成，请更正完成时间。")
_add("row-repeated", WARNING, _R,
     "与本表{others}的企业、设备、规格型号和退出产能完全相同（{enterprise}，{equipment}），各行均已计入",
     "如是重复粘贴的行，请删除多余的行；如确是几台相同的设备，请合并为一行并填写数量，或在规格型号中注明编号",
     "{at}与本表{others}的企业、设备、规格型号和退出产能完全相同（{enterprise}，{equipment}），各行均已计入；"
     "如是重复粘贴的行，请删除多余的行；如确是几台相同的设备，请合并为一行并填写数量。")
_add("duplicate-probable", WARNING, _R,
     "与 {named}{more} 可能是同一项目（{enterprise}，{equipment}，退出产能相同，{specs}），两处均已计入",
     "请核对：如是同一项目，请删除其中一处或补全规格型号使两处一致；如是不同设备，请在规格型号中写明区别",
     "{at}填报的{enterprise}{equipment}与其他报送中的一项退出产能相同，可能是同一项目，请核对：如是不同设备，请在规格型号中写明区别。")
_add("case-duplicate", WARNING, _R, "与 {other} 是同一{what}（{enterprise}），只计一次",
     "同一企业的同一案件由几个部门报送时，只保留一份；请核对两处内容是否一致",
     "{at}的{enterprise}与其他部门报送的是同一{what}，只计一次，请核对两处内容是否一致。")
_add("other-year", WARNING, _R, "完成时间 {completed} 不在{year}年，不计入本年度", "如确为{year}年完成，请更正完成时间",
     "{at}{enterprise}{equipment}的完成时间为{completed}，不在{year}年内，未计入本年度；如确为{year}年完成，请更正完成时间。")

# ---------------------------------------------------------------- 合计核对
_add("total-mismatch", WARNING, "合计核对",
     "{label}行的退出产能为{given}，按各行重新计算应为{computed}；{label}行不计入，以重新计算的结果为准",
     "请核对各行数据与合计是否一致",
     "{at}{label}行的退出产能为“{given}”，与各行相加的{computed}不一致，请核对各行数据与合计。")

# ---------------------------------------------------------------- 黄牌红牌 (enforcement)
_Y = "黄牌红牌"
_add("deadline-before-notice", ERROR, _Y, "{label}的整改期限 {deadline} 早于整改通知日期 {notice}", "请核对整改期限；本次按{fallback}",
     "{at}{label}的整改期限{deadline}早于整改通知日期{notice}，请核对整改期限。")
_add("deadline-missing", WARNING, _Y, "{label}{why}，无法判断是否逾期", "请向发布部门确认并填写整改期限（日期，如 2021-06-30）",
     "{at}{label}未填写整改期限（或无法确定），请填写整改期限。")
_add("extension-not-allowed", ERROR, _Y, "{label}属安全类，须立即停产整改，不得延期，但填写了延期至 {extended_to}",
     "安全类不适用延期，请删去延期日期；如已整改，请填写复查结果",
     "{at}{label}属安全类，须立即停产整改，不得延期，请删去延期日期；如已整改，请填写复查结果。")
_add("extension-repeated", ERROR, _Y, "{label}的同一整改通知已有延期，又填写了延期至 {extended_to}；整改期限只能延期一次",
     "请只保留经批准的一次延期；本行按未延期的整改期限判断",
     "{at}{label}的同一整改通知已有延期，又填写了延期至{extended_to}，整改期限只能延期一次，请只保留经批准的一次延期。")
_add("extension-before-deadline", ERROR, _Y, "{label}的延期至 {extended_to} 早于整改期限 {deadline}",
     "延期日期应晚于整改期限，请核对；本行按未延期的整改期限判断",
     "{at}{label}的延期至{extended_to}早于整改期限{deadline}，请核对延期日期。")
_add("extension-too-long", ERROR, _Y, "{label}的延期至 {extended_to} 超过整改期限 {deadline} 后{months}个月（最晚 {limit}）",
     "延期最长{months}个月，请改为不晚于 {limit} 的日期；本行按未延期的整改期限判断",
     "{at}{label}的延期至{extended_to}超过整改期限后{months}个月，请改为不晚于{limit}的日期。")
_add("yellow-overdue", WARNING, _Y, "{label}{which} {effective} 已过（截至 {as_of}），{review}，属红牌（依法关闭）候选",
     "请督促复查：复查达标的在复查结果填写「达标」；仍不达标的报请依法关闭并列入红牌名单",
     "{at}{label}的{which}{effective}已过，{review}，请督促复查：复查达标的在复查结果填写“达标”；仍不达标的报请依法关闭。")
_add("red-no-exit", WARNING, _Y, "红牌企业{label}已依法关闭{closed}，但各报送表中没有该企业的退出明细",
     "请督促所在县（市）区在退出明细中填报该企业退出的生产线（设备）和产能，或说明未填报的原因",
     "红牌企业{label}已依法关闭，但退出明细中没有该企业，请填报其退出的生产线（设备）和产能，或说明未填报的原因。")

# ---------------------------------------------------------------- 目标任务 (the year's targets)
_G = "目标任务"
_add("target-unit-inconvertible", WARNING, _G,
     "{county}{industry}目标产能「{target}」的单位「{unit}」无法换算为本行业标准单位{standard}，该目标只与以「{unit}」填报的退出项目比较",
     "请改用{known}填写目标产能，或在 reportgen.toml 该行业的 units 中补充「{unit}」的换算系数", None)
_add("plan-item-missing", WARNING, _G, "目标任务中{county}{industry}的{what}至报送截止日{deadline}未报送退出",
     "请{county}核实：已退出的补报退出明细（企业名称、设备名称与目标任务一致）；未退出的书面说明原因",
     "目标任务中{industry}的{what}至报送截止日{deadline}未报送退出，请核实：已退出的补报退出明细（企业名称、设备名称与目标任务一致）；"
     "未退出的书面说明原因。")
_add("target-no-submission", WARNING, _G, "{county}有{year}年目标任务（{planned}），但尚未报送落后产能退出情况，完成率按 0 计",
     "请督促{county}报送；收到报送表后放入收件箱重新生成", None)

# ---------------------------------------------------------------- 任务分解 (the task table)
_K = "任务分解"
_add("task-number", ERROR, _K, "序号「{shown}」不是任务编号，该行未计入", "请填写任务序号（正整数），如 1",
     "{at}的序号“{shown}”不是任务编号，请填写任务序号（正整数）。")
_add("task-department-unknown", WARNING, _K,
     "任务{number}的{column}「{department}」不是配置中的部门，不会为其生成任务分工通知",
     "请在 reportgen.toml 的 [[departments]] 中添加该部门（name、short、aliases），或更正表中的部门名称", None)
