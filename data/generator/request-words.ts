// What residents write, what leads answer and what they hear on visits, per category: the words
// of the generated year. Plain sentences as a hall would log them; no real person in them.
import type { RequestCategory } from '../../server/domain/request-categories.js';

export const ASKED: Record<RequestCategory, readonly string[]> = {
  repair: [
    '楼道灯坏了，晚上上下楼看不清，请帮忙修一下',
    '厨房水管接头漏水，楼下邻居家天花板渗水',
    '单元门禁坏了，门关不上',
    '家里停电，电表箱跳闸后合不上',
    '下水道堵塞，污水返上来了',
    '路灯不亮，晚上出行不安全',
  ],
  employment: [
    '厂里裁员了，我今年五十岁，想找份保安或保洁的工作',
    '孩子大学毕业还没找到工作，想了解招聘信息',
    '想参加电工培训，请问怎么报名',
    '想申请灵活就业社保补贴，需要什么材料',
    '返乡想开个小超市，想咨询创业贷款',
  ],
  legal: [
    '房东不退押金，想咨询怎么维权',
    '在工地干活被拖欠工资三个月了',
    '老人立遗嘱需要办什么手续',
    '网购被骗了两千元，想问怎么办',
    '交通事故对方不赔偿，想找律师咨询',
  ],
  mediation: [
    '楼上邻居晚上经常很吵，沟通过没用',
    '和邻居因为宅基地边界有争执',
    '兄弟之间为老人赡养问题闹矛盾',
    '楼下饭店油烟很大，影响居住',
    '邻居在公共楼道堆放杂物，协商不成',
  ],
  party_transfer: [
    '我是退休党员，从外地搬来，想把组织关系转到社区',
    '大学毕业回乡，组织关系怎么转入村党组织',
    '我是流动党员，想了解怎么参加本地组织生活',
    '党费交纳关系需要接转，请问流程',
  ],
  elderly: [
    '家里老人八十多岁独居，想申请居家养老上门服务',
    '想给老人申请助餐服务',
    '老人行动不便，想申请适老化改造',
    '想了解日间照料中心怎么报名',
    '老人的高龄津贴还没发放，想咨询一下',
  ],
  sanitation: [
    '垃圾桶满了好几天没人清运',
    '河道边有人乱倒建筑垃圾',
    '绿化带里蚊虫很多，希望喷药消杀',
    '楼道里有人养狗，粪便没人清理',
    '路边沟渠淤塞，下雨积水',
  ],
  other: [
    '想咨询活动室的开放时间',
    '建议增加几处健身器材',
    '想申请办理居住证明',
    '停车位太少，希望统筹安排',
  ],
};

export const ANSWERED: Record<RequestCategory, readonly string[]> = {
  repair: ['已联系物业维修人员，预计明天上门', '已报供电所，师傅今天下午到'],
  employment: ['已登记求职意向，下周招聘会有合适岗位', '已把培训报名表发到您手机上'],
  legal: ['已预约法律顾问，周三上午在党群服务中心面谈', '已转市法律援助中心，工作人员会联系您'],
  mediation: ['已约双方周末到调解室当面沟通', '已上门了解情况，正在协调'],
  party_transfer: ['已核对您的党员信息，请带介绍信到社区党委', '已与原党组织联系，正在办理'],
  elderly: ['已登记，养老服务站工作人员会上门评估', '已把申请材料清单发给您'],
  sanitation: ['已通知保洁公司加派清运', '已联系城管中队处理'],
  other: ['已记录您的建议，下次居民议事会讨论', '已为您预约办理时间'],
};

export const CLOSED: Record<RequestCategory, readonly string[]> = {
  repair: ['已维修完毕，回访确认恢复正常', '已更换损坏部件，可以正常使用'],
  employment: ['已推荐到园区企业上岗', '已完成培训报名，补贴材料已提交'],
  legal: ['律师已提供咨询意见，后续可申请法律援助', '欠薪已协调追回'],
  mediation: ['双方达成调解协议', '经调解双方已和解'],
  party_transfer: ['组织关系已转入，编入所在党支部', '接转手续已办结'],
  elderly: ['上门服务已开始，每周两次', '申请已批准，下月起发放'],
  sanitation: ['已清理完毕，并增加清运频次', '已整治，回访群众满意'],
  other: ['已答复，居民表示满意', '已办理完毕'],
};

/** What a lead hears on a visit, and sometimes what should follow (a category and the request's words). */
export const HEARD: ReadonlyArray<{ heard: string; followUp?: { category: RequestCategory; text: string } }> = [
  { heard: '家中一切正常，对社区服务满意' },
  { heard: '老人身体尚好，子女在外地工作' },
  { heard: '询问医保缴费的时间和方式' },
  { heard: '对片区环境整治表示满意' },
  { heard: '孩子上学接送有困难' },
  { heard: '反映停车难' },
  { heard: '反映楼道照明不足', followUp: { category: 'repair', text: '楼道灯不亮，走访时居民反映，需报修' } },
  { heard: '独居老人，做饭困难', followUp: { category: 'elderly', text: '独居老人做饭困难，协助申请助餐服务' } },
  { heard: '家中有人失业在家', followUp: { category: 'employment', text: '家中有人失业，协助登记求职意向' } },
  { heard: '反映屋后沟渠堵塞', followUp: { category: 'sanitation', text: '屋后沟渠堵塞，需清淤' } },
  { heard: '与邻居有些矛盾', followUp: { category: 'mediation', text: '与邻居因琐事有矛盾，需调解' } },
];
