// Common surnames and given-name characters of Fujian (including Hakka areas) for believable demo people.
export const SURNAMES = [
  '陈', '林', '黄', '张', '李', '王', '吴', '刘', '蔡', '杨', '郑', '赖', '罗', '钟', '邱', '谢',
  '曾', '廖', '温', '游', '叶', '徐', '江', '朱', '胡', '严', '范', '卢', '邓', '何', '傅', '余',
];
export const GIVEN_MALE = ['伟', '强', '建', '国', '明', '华', '军', '福', '生', '平', '志', '文', '荣', '海', '金', '春', '德', '永', '兴', '财', '立', '辉', '俊', '斌', '勇'];
export const GIVEN_FEMALE = ['秀', '英', '芳', '兰', '娟', '丽', '美', '珍', '燕', '霞', '玉', '红', '梅', '凤', '琴', '萍', '婷', '静', '慧', '莲', '春', '月', '花', '雪', '云'];

export const FACTORY_WORDS = ['鞋业', '服饰', '电子', '食品', '纺织', '包装', '塑胶', '五金', '家具', '陶瓷', '茶业', '机械'];
export const COMPANY_PREFIX = ['鑫', '恒', '盛', '宏', '华', '泰', '嘉', '隆', '永', '顺', '安', '兴', '达', '源', '丰', '福'];
export const WORKSHOP_PRODUCTS = [
  { word: '电子配件', category: 'electronics' },
  { word: '服装加工', category: 'garment' },
  { word: '手工编织', category: 'handicraft' },
  { word: '玩具组装', category: 'handicraft' },
  { word: '食用菌', category: 'agriculture' },
  { word: '茶叶加工', category: 'agriculture' },
];
